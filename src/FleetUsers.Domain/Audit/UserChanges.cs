using System.Text.Json.Nodes;
using FleetUsers.Domain.Users;

namespace FleetUsers.Domain.Audit;

/// <summary>
/// What a change did to a user, field by field (<see cref="UserFields"/>, names as clients know
/// them). A password is never a value here: a new one shows only as <see cref="PasswordChanged"/>.
/// </summary>
public static class UserChanges
{
    public const string PasswordChanged = "changed";

    /// <summary>The fields that differ; <paramref name="before"/> is null for a new user (every field set is a change).</summary>
    public static IReadOnlyList<FieldChange> Between(UserProfile? before, UserProfile after, bool passwordChanged)
    {
        var changes = new List<FieldChange>();
        foreach (var field in UserFields.All)
        {
            var old = before is null ? null : field.AuditValue(before);
            var now = field.AuditValue(after);
            if (!JsonNode.DeepEquals(old, now))
            {
                changes.Add(new FieldChange(field.Name, old, now));
            }
        }
        if (passwordChanged)
        {
            changes.Add(new FieldChange("password", null, PasswordChanged));
        }
        return changes;
    }

    /// <summary>
    /// The identity provider's id (SCIM externalId), kept beside the profile: a change of it is recorded
    /// like a field's, so a SCIM write that only relinks a user still leaves a trail and an event.
    /// </summary>
    public static IEnumerable<FieldChange> ExternalId(string? before, string? after) =>
        before == after ? [] : [new FieldChange("externalId", before, after)];
}
