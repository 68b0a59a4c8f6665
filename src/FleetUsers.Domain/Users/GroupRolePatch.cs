using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Domain.Users;

public enum GroupRoleChangeKind
{
    Add,
    Remove,
}

/// <summary>One operation of a group-role patch; <see cref="Index"/> is its place in the request, for messages.</summary>
public sealed record GroupRoleChange(int Index, GroupRoleChangeKind Kind, GroupRole Role);

/// <summary>
/// Applies group-role operations in order, all or nothing: the result must satisfy the
/// same group-role rules as a full update.
/// </summary>
public static class GroupRolePatch
{
    public static (IReadOnlyList<GroupRole>? Roles, IReadOnlyList<string> Problems) Apply(
        IReadOnlyList<GroupRole> current,
        IReadOnlyList<GroupRoleChange> changes,
        bool allowVideoSearchDownload,
        GroupTree groups)
    {
        var problems = new List<string>();
        if (changes.Count == 0)
        {
            problems.Add("the body must hold at least one operation");
        }
        var roles = current.ToList();
        foreach (var change in changes)
        {
            var (index, kind, role) = change;
            if (kind == GroupRoleChangeKind.Add)
            {
                if (roles.Contains(role))
                {
                    problems.Add($"[{index}].value: the user already has role {role.RoleId} in group {role.GroupId}");
                    continue;
                }
                if (!groups.Contains(role.GroupId))
                {
                    problems.Add($"[{index}].value.groupId {role.GroupId} is not a group of this company");
                }
                if (!RoleCatalog.Contains(role.RoleId))
                {
                    problems.Add($"[{index}].value.roleId {role.RoleId} is not a role of the catalogue");
                }
                roles.Add(role);
            }
            else if (!roles.Remove(role))
            {
                problems.Add($"[{index}].path: the user has no role {role.RoleId} in group {role.GroupId}");
            }
        }
        if (changes.Count > 0 && roles.Count == 0)
        {
            problems.Add("groupRoles must keep at least one group role");
        }
        if (allowVideoSearchDownload && roles.Count > 0 && !roles.Any(r => RoleCatalog.AllowsVideoDownload(r.RoleId)))
        {
            problems.Add("allowVideoSearchDownload is true, so the user must keep a Video Reviewer or Video Reviewer Plus role");
        }
        return problems.Count == 0 ? (roles, problems) : (null, problems);
    }
}
