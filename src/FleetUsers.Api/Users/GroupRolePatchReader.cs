using System.Globalization;
using System.Text.Json;
using FleetUsers.Api.Http;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Api.Users;

/// <summary>
/// Reads the PATCH groupRoles body: an array of
/// <c>{"op": "add", "path": "/roles", "value": {"groupId", "roleId"}}</c> and
/// <c>{"op": "remove", "path": "/groups/{groupId}/roles/{roleId}"}</c>, each operation as declared
/// in <see cref="UserRequests.GroupRolePatch"/>.
/// </summary>
public static class GroupRolePatchReader
{
    /// <summary>Required for add, refused for remove: read here, not by the shape.</summary>
    private const string Value = "value";

    public static (IReadOnlyList<GroupRoleChange> Changes, IReadOnlyList<string> Problems) Read(JsonElement body)
    {
        var problems = new List<string>();
        var changes = new List<GroupRoleChange>();
        if (body.ValueKind != JsonValueKind.Array)
        {
            problems.Add("body must be an array of operations");
            return (changes, problems);
        }
        var index = 0;
        foreach (var item in body.EnumerateArray())
        {
            if (ReadOne(item, index, problems) is { } change)
            {
                changes.Add(change);
            }
            index++;
        }
        return (changes, problems);
    }

    private static GroupRoleChange? ReadOne(JsonElement item, int index, List<string> problems)
    {
        var json = new JsonObjectReader(item, problems, $"[{index}].");
        var operation = json.Read(UserRequests.GroupRolePatch, readByCaller: Value);
        var op = operation.String("op");
        var path = operation.String("path");
        GroupRoleChange? change = null;
        if (string.Equals(op, "add", StringComparison.OrdinalIgnoreCase))
        {
            if (path is not null && path != "/roles")
            {
                problems.Add($"[{index}].path must be /roles for add");
            }
            if (json.Object(Value, Presence.Required) is { } value)
            {
                var entry = json.ReadNested(value, UserRequests.GroupRole, $"[{index}].{Value}.");
                if (entry.Uuid("groupId") is { } g && entry.Int32("roleId") is { } r && path == "/roles")
                {
                    change = new GroupRoleChange(index, GroupRoleChangeKind.Add, new GroupRole(g, r));
                }
            }
        }
        else if (string.Equals(op, "remove", StringComparison.OrdinalIgnoreCase))
        {
            if (json.Has(Value))
            {
                problems.Add($"[{index}].value is not allowed for remove");
            }
            if (path is not null)
            {
                change = ParseRemovePath(path) is { } role
                    ? new GroupRoleChange(index, GroupRoleChangeKind.Remove, role)
                    : Fail(problems, $"[{index}].path must be /groups/{{groupId}}/roles/{{roleId}} for remove");
            }
        }
        else if (op is not null)
        {
            problems.Add($"[{index}].op must be add or remove");
        }
        json.RejectUnknown();
        return change;
    }

    private static GroupRole? ParseRemovePath(string path)
    {
        var parts = path.Split('/');
        return parts is ["", "groups", var group, "roles", var role]
            && Guid.TryParse(group, out var groupId)
            && int.TryParse(role, NumberStyles.None, CultureInfo.InvariantCulture, out var roleId)
            ? new GroupRole(groupId, roleId)
            : null;
    }

    private static GroupRoleChange? Fail(List<string> problems, string problem)
    {
        problems.Add(problem);
        return null;
    }
}
