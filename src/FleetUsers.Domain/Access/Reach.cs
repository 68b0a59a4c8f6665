using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Domain.Access;

/// <summary>
/// What a caller may see and do in its company's group tree. A role held in a group
/// reaches that group and every group below it.
/// </summary>
public sealed class Reach
{
    private readonly HashSet<Guid> _manageable;
    private readonly HashSet<Guid> _readable;
    private readonly HashSet<Guid> _visible;
    private readonly HashSet<Guid> _groupManaged;

    private Reach(HashSet<Guid> manageable, HashSet<Guid> readable, HashSet<Guid> visible, HashSet<Guid> groupManaged, bool readsAll,
        bool managesAll)
    {
        _manageable = manageable;
        _readable = readable;
        _visible = visible;
        _groupManaged = groupManaged;
        ReadsWholeCompany = readsAll;
        ManagesWholeCompany = managesAll;
    }

    public static Reach Of(Caller caller, GroupTree tree)
    {
        HashSet<Guid> Below(Func<int, bool> grants) =>
            caller.GroupRoles
                .Where(r => grants(r.RoleId))
                .SelectMany(r => tree.Subtree(r.GroupId))
                .Select(g => g.Id)
                .ToHashSet();

        var manageable = Below(role => role == RoleCatalog.Administrator);
        var readable = Below(role => role is RoleCatalog.Administrator or RoleCatalog.Coach);
        var visible = Below(_ => true);
        var groupManaged = Below(role => role == RoleCatalog.GroupManager);
        var readsAll = tree.Root is { } root && readable.Contains(root.Id);
        var managesAll = tree.Root is { } top && manageable.Contains(top.Id);
        return new Reach(manageable, readable, visible, groupManaged, readsAll, managesAll);
    }

    /// <summary>True when the caller reads users in every group of the company (Administrator or Coach at the root).</summary>
    public bool ReadsWholeCompany { get; }

    /// <summary>True when the caller is Administrator at the root: the company-wide things (its feed, webhooks, API clients) are its.</summary>
    public bool ManagesWholeCompany { get; }

    /// <summary>Groups in which the caller is Administrator, directly or from above.</summary>
    public IReadOnlySet<Guid> ManageableGroups => _manageable;

    /// <summary>Groups whose users the caller may read (Administrator or Coach, directly or from above).</summary>
    public IReadOnlySet<Guid> ReadableGroups => _readable;

    /// <summary>Groups the caller holds any role over: the groups it can list.</summary>
    public IReadOnlySet<Guid> VisibleGroups => _visible;

    public bool CanManageGroup(Guid groupId) => _manageable.Contains(groupId);

    /// <summary>
    /// Group Manager over the group, directly or from above: may create groups below it,
    /// rename, describe, move and remove it.
    /// </summary>
    public bool CanManageGroupTree(Guid groupId) => _groupManaged.Contains(groupId);

    /// <summary>A user is readable when any of its groups is readable.</summary>
    public bool CanReadUser(IEnumerable<GroupRole> userRoles) =>
        userRoles.Any(r => _readable.Contains(r.GroupId));

    /// <summary>
    /// Managing a user needs Administrator over every group of its roles: otherwise a
    /// scoped administrator could edit someone who also belongs elsewhere.
    /// </summary>
    public bool CanManageAll(IEnumerable<Guid> groupIds) => groupIds.All(_manageable.Contains);
}
