using Microsoft.OpenApi;

namespace FleetUsers.Api.OpenApi;

/// <summary>The SCIM tag's description in /docs: what /scim/v2 is, and connecting Entra ID and Okta step by step (the README has the details).</summary>
public static class ScimTag
{
    public const string Name = "SCIM";

    public const string Description = """
        SCIM 2.0 (RFC 7643/7644) for identity providers, authenticated with a SCIM client's bearer token
        (`clients create --scim --company C --name N --group G --role R` prints `scim_token` once). Users map
        to FleetUsers users; Groups are the groups below the client's group G, and a group's members are the
        users holding role R there.

        **Microsoft Entra ID**: Enterprise applications → New application → Create your own application
        (non-gallery) → Provisioning → Automatic; Tenant URL `https://<host>/scim/v2`, Secret Token the
        `scim_token`, Test Connection; in Mappings remove the user `displayName` mapping and keep group
        provisioning enabled; assign users and groups; Provisioning Status On.

        **Okta**: Applications → Create App Integration → Provisioning: SCIM; SCIM connector base URL
        `https://<host>/scim/v2`, unique identifier `userName`, actions Push New Users, Push Profile Updates,
        Push Groups, authentication HTTP Header with the `scim_token`; To App: enable Create Users, Update
        User Attributes, Deactivate Users; Push Groups to create and link groups.
        """;

    /// <summary>Gives the document's SCIM tag its description (the tag itself comes from the endpoints).</summary>
    public static void Describe(OpenApiDocument document)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        var tag = document.Tags.FirstOrDefault(t => t.Name == Name);
        if (tag is null)
        {
            tag = new OpenApiTag { Name = Name };
            document.Tags.Add(tag);
        }
        tag.Description = Description;
    }
}
