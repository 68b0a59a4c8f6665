using FleetUsers.Scim.Discovery;
using FleetUsers.Scim.Errors;

namespace FleetUsers.Api.Scim;

/// <summary>/scim/v2: SCIM 2.0 for identity providers (Entra ID, Okta), authenticated as a SCIM client.</summary>
public static class ScimApi
{
    public static void MapScimApi(this WebApplication app)
    {
        var scim = app.MapGroup("/scim/v2").AddEndpointFilter<ScimCallerFilter>();
        scim.MapGet("/ServiceProviderConfig", (HttpContext http) =>
                new ScimResult(new ServiceProviderConfig(ScimUsersApi.MaxResults).ToJson(ScimUsersApi.BaseUrl(http.Request))))
            .WithTags("SCIM").WithName("ScimServiceProviderConfig").WithSummary("SCIM: what this service provider supports.");
        scim.MapGet("/ResourceTypes", (HttpContext http) => new ScimResult(ResourceTypeDocuments.List(ScimUsersApi.BaseUrl(http.Request))))
            .WithTags("SCIM").WithName("ScimResourceTypes").WithSummary("SCIM: the resource types.");
        scim.MapGet("/ResourceTypes/{name}", (string name, HttpContext http) =>
                new ScimResult(ResourceTypeDocuments.Find(name, ScimUsersApi.BaseUrl(http.Request))
                    ?? throw ScimException.NotFound($"No resource type {name}.")))
            .WithTags("SCIM").WithName("ScimResourceType").WithSummary("SCIM: one resource type.");
        scim.MapGet("/Schemas", (HttpContext http) => new ScimResult(SchemaDocuments.List(ScimUsersApi.BaseUrl(http.Request))))
            .WithTags("SCIM").WithName("ScimSchemas").WithSummary("SCIM: the schemas.");
        scim.MapGet("/Schemas/{id}", (string id, HttpContext http) =>
                new ScimResult(SchemaDocuments.Find(id, ScimUsersApi.BaseUrl(http.Request)) ?? throw ScimException.NotFound($"No schema {id}.")))
            .WithTags("SCIM").WithName("ScimSchema").WithSummary("SCIM: one schema.");
        scim.MapScimUsersApi();
    }
}
