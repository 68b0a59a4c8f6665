using System.Text.Json.Nodes;
using FleetUsers.Scim.Discovery;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Messages;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Api.Scim;

/// <summary>/scim/v2: SCIM 2.0 for identity providers (Entra ID, Okta), authenticated as a SCIM client.</summary>
public static class ScimApi
{
    /// <summary>The resource types served; discovery lists these.</summary>
    private static readonly ResourceType[] Served = [ScimResourceTypes.User, ScimResourceTypes.Group];

    private static readonly ResourceSchema[] ServedSchemas = [UserSchema.Schema, EnterpriseUserSchema.Schema, GroupSchema.Schema];

    public static void MapScimApi(this WebApplication app)
    {
        var scim = app.MapGroup("/scim/v2").AddEndpointFilter<ScimCallerFilter>().WithTags("SCIM");
        scim.MapGet("/ServiceProviderConfig", (HttpContext http) =>
                new ScimResult(new ServiceProviderConfig(ScimUsersApi.MaxResults).ToJson(Base(http))))
            .WithName("ScimServiceProviderConfig").WithSummary("SCIM: what this service provider supports.");
        scim.MapGet("/ResourceTypes", (HttpContext http) =>
                new ScimResult(List(Served.Select(type => ResourceTypeDocuments.Document(type, Base(http))))))
            .WithName("ScimResourceTypes").WithSummary("SCIM: the resource types.");
        scim.MapGet("/ResourceTypes/{name}", (string name, HttpContext http) =>
                new ScimResult(Served.FirstOrDefault(type => type.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } type
                    ? ResourceTypeDocuments.Document(type, Base(http))
                    : throw ScimException.NotFound($"No resource type {name}.")))
            .WithName("ScimResourceType").WithSummary("SCIM: one resource type.");
        scim.MapGet("/Schemas", (HttpContext http) =>
                new ScimResult(List(ServedSchemas.Select(schema => SchemaDocuments.Document(schema, Base(http))))))
            .WithName("ScimSchemas").WithSummary("SCIM: the schemas.");
        scim.MapGet("/Schemas/{id}", (string id, HttpContext http) =>
                new ScimResult(ServedSchemas.FirstOrDefault(schema => schema.Id.Equals(id, StringComparison.OrdinalIgnoreCase)) is { } schema
                    ? SchemaDocuments.Document(schema, Base(http))
                    : throw ScimException.NotFound($"No schema {id}.")))
            .WithName("ScimSchema").WithSummary("SCIM: one schema.");
        scim.MapScimUsersApi();
        scim.MapScimGroupsApi();
    }

    private static string Base(HttpContext http) => ScimUsersApi.BaseUrl(http.Request);

    private static JsonObject List(IEnumerable<JsonObject> documents)
    {
        var all = documents.ToList();
        return ScimListResponse.Create(all, all.Count, 1);
    }
}
