using System.Text.Json.Nodes;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Users;

namespace FleetUsers.Web.Pages.Users;

/// <summary>
/// After a lost edit race: the person's form with the other writers' changes taken into every field
/// the person left as it was, and the fields both changed (the person's value stays, and is named).
/// The other changes come from the audit trail: a field's value before them is the oldest entry's old value.
/// </summary>
public static class EditMerge
{
    /// <param name="mine">The form as posted.</param>
    /// <param name="theirs">The user as stored now.</param>
    /// <param name="otherChanges">The audit entries written since the form was opened, newest first.</param>
    public static (UserProfile Merged, IReadOnlyList<string> BothChanged) Merge(UserProfile mine, UserProfile theirs, IReadOnlyList<AuditEntry> otherChanges)
    {
        var merged = mine;
        var both = new List<string>();
        foreach (var field in UserFields.All)
        {
            var before = otherChanges.Reverse().SelectMany(e => e.Changes).FirstOrDefault(c => c.Field == field.Name);
            if (before is null)
            {
                continue; // they did not change it: the form's value is the person's, or what it was
            }
            if (JsonNode.DeepEquals(field.AuditValue(mine), before.OldValue))
            {
                merged = field.CopyTo(merged, theirs);
            }
            else if (!JsonNode.DeepEquals(field.AuditValue(mine), field.AuditValue(theirs)))
            {
                both.Add(field.Name);
            }
        }
        return (merged, both);
    }
}
