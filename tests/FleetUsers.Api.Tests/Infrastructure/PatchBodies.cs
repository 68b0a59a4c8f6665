using System.Text.Json.Nodes;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>Operations of PATCH /v1/users/{userId}/groupRoles, as mutable JSON.</summary>
public static class PatchBodies
{
    public static JsonObject Add(Guid groupId, int roleId) => new()
    {
        ["op"] = "add",
        ["path"] = "/roles",
        ["value"] = UserBodies.GroupRole(groupId, roleId),
    };

    public static JsonObject Remove(Guid groupId, int roleId) => new()
    {
        ["op"] = "remove",
        ["path"] = $"/groups/{groupId}/roles/{roleId}",
    };

    public static JsonArray Of(params JsonNode[] operations) => new(operations);
}
