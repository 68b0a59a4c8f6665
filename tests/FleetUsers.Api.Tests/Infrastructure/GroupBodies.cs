using System.Net;
using System.Text.Json.Nodes;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>Group request bodies as mutable JSON, and reading groups back.</summary>
public static class GroupBodies
{
    public static JsonObject Create(string name, Guid parentId, string? description = null) => new()
    {
        ["name"] = name,
        ["parentId"] = parentId,
        ["description"] = description,
    };

    public static JsonObject Update(string name, Guid? parentId, string? description = null) => new()
    {
        ["name"] = name,
        ["description"] = description,
        ["parentId"] = parentId,
    };

    /// <summary>One entry of a bulk move body: the group goes under the parent.</summary>
    public static JsonObject Move(Guid groupId, Guid parentId) => new()
    {
        ["op"] = "replace",
        ["path"] = $"{groupId}/parentId",
        ["value"] = $"{parentId}/Id",
    };

    /// <summary>POST /v1/groups; asserts 201 and returns the new group's id.</summary>
    public static async Task<Guid> CreateGroupAsync(this HttpClient client, string name, Guid parentId)
    {
        var response = await client.PostJsonAsync("/v1/groups", Create(name, parentId));
        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        return Id(await HttpAssert.ReadObjectAsync(response));
    }

    public static Task<JsonObject> GetGroupAsync(this HttpClient client, Guid groupId) => client.GetObjectAsync($"/v1/groups/{groupId}");

    public static Guid Id(JsonNode group) => Guid.Parse(group["id"]!.GetValue<string>());

    public static string Text(JsonNode group, string key) => group[key]!.GetValue<string>();

    public static int Revision(JsonNode group) => group["revision"]!.GetValue<int>();
}
