using System.Text.Json.Nodes;

namespace FleetUsers.Scim.Discovery;

/// <summary>
/// The /ServiceProviderConfig document (RFC 7643 §5), true to what the library implements: PATCH
/// and filtering yes, bulk and password change no, ETags yes, OAuth bearer tokens (RFC 6750).
/// Sorting and the page size are the service's to say.
/// </summary>
public sealed record ServiceProviderConfig(int MaxResults)
{
    public bool SortSupported { get; init; }
    public string? DocumentationUri { get; init; }

    public JsonObject ToJson(string baseUrl)
    {
        var document = new JsonObject { ["schemas"] = new JsonArray(ScimUrns.ServiceProviderConfig) };
        if (DocumentationUri is not null) document["documentationUri"] = DocumentationUri;
        document["patch"] = Supported(true);
        document["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 };
        document["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = MaxResults };
        document["changePassword"] = Supported(false);
        document["sort"] = Supported(SortSupported);
        document["etag"] = Supported(true);
        document["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "OAuth Bearer Token",
            ["description"] = "A bearer token in the Authorization header: a SCIM client's long-lived token, or an access token from client credentials.",
            ["specUri"] = "https://www.rfc-editor.org/info/rfc6750",
            ["primary"] = true,
        });
        document["meta"] = new JsonObject
        {
            ["resourceType"] = "ServiceProviderConfig",
            ["location"] = $"{baseUrl.TrimEnd('/')}/ServiceProviderConfig",
        };
        return document;
    }

    private static JsonObject Supported(bool supported) => new() { ["supported"] = supported };
}
