using System.Text.Json.Nodes;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Domain.Audit;

/// <summary>The fields of a user that the audit trail follows: its editable state as stored.</summary>
public sealed record AuditedUser(
    string FirstName,
    string LastName,
    string Username,
    string? EmployeeId,
    string? Email,
    string? CellPhoneCountry,
    string? CellPhoneNumber,
    string Status,
    bool LoginEnabled,
    bool AllowVideoSearchDownload,
    IReadOnlyCollection<GroupRole> GroupRoles,
    Guid? PrimaryGroupId);

/// <summary>
/// What a change did to a user, field by field (names as clients know them). A password
/// is never a value here: a new one shows only as <see cref="PasswordChanged"/>.
/// </summary>
public static class UserChanges
{
    public const string PasswordChanged = "changed";

    /// <summary>The fields that differ; <paramref name="before"/> is null for a new user (every field set is a change).</summary>
    public static IReadOnlyList<FieldChange> Between(AuditedUser? before, AuditedUser after, bool passwordChanged)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, JsonNode? old, JsonNode? now)
        {
            if (!JsonNode.DeepEquals(old, now))
            {
                changes.Add(new FieldChange(field, old, now));
            }
        }

        Compare("firstName", before?.FirstName, after.FirstName);
        Compare("lastName", before?.LastName, after.LastName);
        Compare("username", before?.Username, after.Username);
        Compare("employeeId", before?.EmployeeId, after.EmployeeId);
        Compare("email", before?.Email, after.Email);
        Compare("cellPhoneCountry", before?.CellPhoneCountry, after.CellPhoneCountry);
        Compare("cellPhoneNumber", before?.CellPhoneNumber, after.CellPhoneNumber);
        Compare("status", before?.Status, after.Status);
        Compare("loginEnabled", before?.LoginEnabled, after.LoginEnabled);
        Compare("allowVideoSearchDownload", before?.AllowVideoSearchDownload, after.AllowVideoSearchDownload);
        Compare("groupRoles", before is null ? null : Roles(before.GroupRoles), Roles(after.GroupRoles));
        Compare("primaryGroupId", before?.PrimaryGroupId?.ToString(), after.PrimaryGroupId?.ToString());
        if (passwordChanged)
        {
            changes.Add(new FieldChange("password", null, PasswordChanged));
        }
        return changes;
    }

    /// <summary>Group roles as a list in a stable order, so the same set always reads the same.</summary>
    private static JsonArray Roles(IEnumerable<GroupRole> roles) =>
        new(roles
            .OrderBy(r => r.GroupId)
            .ThenBy(r => r.RoleId)
            .Select(r => (JsonNode)new JsonObject { ["groupId"] = r.GroupId.ToString(), ["roleId"] = r.RoleId })
            .ToArray());
}
