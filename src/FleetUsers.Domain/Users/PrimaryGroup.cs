using FleetUsers.Domain.Groups;

namespace FleetUsers.Domain.Users;

/// <summary>
/// The primary-group policy, whole: a user's primary group is stored only when a client sets it,
/// and must then be one of the groups it has roles in; a change of roles that takes the last role
/// in it clears it; a user without one shows the group of its roles closest to the root.
/// </summary>
public static class PrimaryGroup
{
    /// <summary>Why the primary group cannot be the one sent, or null when it can (or none was sent).</summary>
    public static string? Problem(Guid? primary, IEnumerable<GroupRole> groupRoles) =>
        primary is { } id && groupRoles.All(r => r.GroupId != id) ? "primaryGroupId must be one of the groups in groupRoles" : null;

    /// <summary>The stored primary group after the user's roles changed: kept while the user has a role there, otherwise cleared (derived again).</summary>
    public static Guid? AfterRolesChanged(Guid? stored, IEnumerable<GroupRole> groupRoles) =>
        stored is { } id && groupRoles.Any(r => r.GroupId == id) ? id : null;

    /// <summary>The groups a profile gives its user a place in: its roles' groups and its primary group (what a writer must reach).</summary>
    public static IEnumerable<Guid> GroupsOf(UserProfile profile) =>
        profile.PrimaryGroupId is { } primary ? profile.GroupRoles.Select(r => r.GroupId).Append(primary) : profile.GroupRoles.Select(r => r.GroupId);

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
