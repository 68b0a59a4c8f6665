using FleetUsers.Domain.Groups;

namespace FleetUsers.Domain.Users;

public static class PrimaryGroup
{
    /// <summary>
    /// The stored primary group, or else the user's group closest to the root, ties
    /// broken by group name in alphabetical order (then by id, so the answer is stable).
    /// </summary>
    public static Guid? Resolve(Guid? stored, IEnumerable<GroupRole> groupRoles, GroupTree tree)
    {
        if (stored is { } primary)
        {
            return primary;
        }
        return groupRoles
            .Select(r => r.GroupId)
            .Distinct()
            .Where(tree.Contains)
            .Select(tree.Get)
            .OrderBy(g => tree.Level(g.Id))
            .ThenBy(g => g.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Name, StringComparer.Ordinal)
            .ThenBy(g => g.Id)
            .Select(g => (Guid?)g.Id)
            .FirstOrDefault();
    }
}
