using System.Text.Json.Nodes;
using FleetUsers.Scim.Messages;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Discovery;

/// <summary>The /ResourceTypes documents (RFC 7643 §6, §8.6).</summary>
public static class ResourceTypeDocuments
{
    /// <summary>GET /ResourceTypes: every resource type, as a list response.</summary>
    public static JsonObject List(string baseUrl) =>
        ScimListResponse.Create(ScimResourceTypes.All.Select(type => Document(type, baseUrl)), ScimResourceTypes.All.Count, 1);

    /// <summary>GET /ResourceTypes/{name}, or null for a name that is not one of them.</summary>
    public static JsonObject? Find(string name, string baseUrl) =>
        ScimResourceTypes.All.FirstOrDefault(type => type.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } found
            ? Document(found, baseUrl)
            : null;

    public static JsonObject Document(ResourceType type, string baseUrl)
    {
        var document = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimUrns.ResourceType),
            ["id"] = type.Name,
            ["name"] = type.Name,
            ["endpoint"] = type.Endpoint,
            ["description"] = type.Description,
            ["schema"] = type.Schema.Id,
        };
        if (type.Extensions.Count > 0)
        {
            document["schemaExtensions"] = new JsonArray(type.Extensions
                .Select(extension => (JsonNode?)new JsonObject { ["schema"] = extension.Schema.Id, ["required"] = extension.Required })
                .ToArray());
        }
        document["meta"] = new JsonObject
        {
            ["resourceType"] = "ResourceType",
            ["location"] = $"{baseUrl.TrimEnd('/')}/ResourceTypes/{type.Name}",
        };
        return document;
    }
}
