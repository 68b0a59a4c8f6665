namespace FleetUsers.Domain.Groups;

/// <summary>
/// The rules of creating, renaming, describing, moving and removing groups. Paths are
/// derived from parent links (<see cref="GroupTree"/>), so they are never stored and never stale.
/// </summary>
public static class GroupRules
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;

    /// <summary>The field rules: every problem, each naming its field; the valid state when there is none.</summary>
    public static (ValidGroup? Group, IReadOnlyList<string> Problems) Check(GroupDraft draft)
    {
        var problems = new List<string>(draft.ReadProblems);
        var name = draft.Name?.Trim();
        if (name is not null)
        {
            if (name.Length == 0)
            {
                problems.Add("name must not be empty");
            }
            else if (name.Length > MaxNameLength)
            {
                problems.Add($"name must be at most {MaxNameLength} characters");
            }
            if (name.Any(char.IsControl))
            {
                problems.Add("name must not contain control characters");
            }
            if (name.Contains('\\', StringComparison.Ordinal))
            {
                problems.Add("name must not contain a backslash: it separates the names of fullPath");
            }
        }
        var description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        if (description is not null && description.Length > MaxDescriptionLength)
        {
            problems.Add($"description must be at most {MaxDescriptionLength} characters");
        }
        if (description is not null && description.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            problems.Add("description must not contain control characters other than line breaks and tabs");
        }
        return problems.Count == 0 ? (new ValidGroup(name!, description, draft.ParentId), problems) : (null, problems);
    }

    /// <summary>
    /// Why the group cannot hang under <paramref name="newParentId"/>, or null when it can:
    /// the root stays the root, every other group keeps a parent, and no group goes below itself.
    /// </summary>
    public static string? PlacementProblem(GroupTree tree, Group group, Guid? newParentId)
    {
        if (group.ParentId is null)
        {
            return newParentId is null ? null : "parentId must be null: the root group cannot be moved";
        }
        if (newParentId is not { } parentId)
        {
            return "parentId is required: only the root group has no parent";
        }
        if (parentId == group.Id)
        {
            return "parentId must not be the group itself";
        }
        return tree.IsWithin(parentId, group.Id)
            ? $"parentId {parentId} lies below the group: the move would make a cycle"
            : null;
    }

    /// <summary>Names are unique among siblings, ignoring letter case (the same fold as the stored name_key).</summary>
    public static bool NameTakenAmongSiblings(GroupTree tree, Guid parentId, string name, Guid? exceptGroupId) =>
        tree.Children(parentId).Any(sibling => sibling.Id != exceptGroupId && SameName(sibling.Name, name));

    public static bool SameName(string a, string b) =>
        string.Equals(a.ToLowerInvariant(), b.ToLowerInvariant(), StringComparison.Ordinal);

    /// <summary>
    /// The groups whose representation an edit changes, so each gets a new revision: a new
    /// name or parent changes fullPath (and fullPathId) of the group and of every group below
    /// it; a new description changes the group alone; no change changes nothing.
    /// </summary>
    public static IReadOnlyList<Guid> ChangedBy(GroupTree tree, Group before, ValidGroup after)
    {
        var pathChanges = before.Name != after.Name || before.ParentId != after.ParentId;
        if (pathChanges)
        {
            return tree.Subtree(before.Id).Select(g => g.Id).ToList();
        }
        return before.Description != after.Description ? [before.Id] : [];
    }
}
