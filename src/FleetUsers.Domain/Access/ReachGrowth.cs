using FleetUsers.Domain.Groups;

namespace FleetUsers.Domain.Access;

/// <summary>
/// Whether a write would leave its caller with more reach than it had: some role over some
/// existing group that it did not hold over that group before. Writes that only move reach the
/// caller already held (its role is above both places, or on the moved group itself) pass.
/// </summary>
public static class ReachGrowth
{
    /// <summary>
    /// Moving <paramref name="groupId"/> under <paramref name="newParentId"/> puts its subtree below
    /// the new parent's line. A role the caller holds on that line, but neither on the old line nor
    /// on the group itself, would newly reach the group.
    /// </summary>
    public static bool ByMove(IReadOnlyList<GroupRole> callerRoles, GroupTree tree, Guid groupId, Guid newParentId)
    {
        var group = tree.Get(groupId);
        var oldLine = group.ParentId is { } oldParent ? tree.Ancestry(oldParent).Select(g => g.Id).ToHashSet() : [];
        var newLine = tree.Ancestry(newParentId).Select(g => g.Id).ToHashSet();
        return callerRoles.GroupBy(r => r.RoleId).Any(role =>
        {
            var held = role.Select(r => r.GroupId).ToHashSet();
            return held.Overlaps(newLine) && !held.Overlaps(oldLine) && !held.Contains(groupId);
        });
    }

    /// <summary>
    /// The caller's own roles changing from <paramref name="before"/> to <paramref name="after"/>: a
    /// new role in a group grows its reach unless the same role was already held there or above.
    /// </summary>
    public static bool ByRoles(GroupTree tree, IReadOnlyCollection<GroupRole> before, IEnumerable<GroupRole> after) =>
        after.Any(added => !before.Any(held => held.RoleId == added.RoleId && tree.IsWithin(added.GroupId, held.GroupId)));
}
