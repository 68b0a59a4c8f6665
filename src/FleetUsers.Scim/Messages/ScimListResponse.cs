using System.Text.Json.Nodes;

namespace FleetUsers.Scim.Messages;

/// <summary>The list response of RFC 7644 §3.4.2 (integers as JSON numbers, as Okta requires).</summary>
public static class ScimListResponse
{
    public static JsonObject Create(IEnumerable<JsonNode> resources, int totalResults, int startIndex)
    {
        var page = new JsonArray(resources.Select(resource => resource.DeepClone()).ToArray());
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimUrns.ListResponse),
            ["totalResults"] = totalResults,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = page.Count,
            ["Resources"] = page,
        };
    }
}
