using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Application.Groups;

/// <summary>
/// The checks the group operations share. A caller sees the groups it holds any role in, and every
/// group below them; it changes the groups it is Group Manager over. Another company's group is
/// indistinguishable from one that does not exist (404).
/// </summary>
public static class GroupChecks
{
    /// <summary>The company's tree, in a read of its own (reads of groups need nothing else).</summary>
    public static async Task<GroupTree> LoadTreeAsync(IDatabase database, Caller caller, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        return await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
    }

    /// <summary>404 outside the company (or another company's), 403 outside the caller's reach.</summary>
    public static Group RequireVisible(Caller caller, GroupTree tree, Guid groupId)
    {
        var group = tree.Find(groupId) ?? throw new NotFoundException($"No group with id {groupId}");
        return Reach.Of(caller, tree).VisibleGroups.Contains(groupId) ? group : throw new ForbiddenException();
    }

    /// <summary>404 outside the company, 403 unless the caller is Group Manager over the group.</summary>
    public static (Group Group, Reach Reach) RequireManaged(Caller caller, GroupTree tree, Guid groupId)
    {
        var group = tree.Find(groupId) ?? throw new NotFoundException($"No group with id {groupId}");
        var reach = Reach.Of(caller, tree);
        return reach.CanManageGroupTree(groupId) ? (group, reach) : throw new ForbiddenException();
    }

    public static void RequireParent(GroupTree tree, Guid parentId)
    {
        if (!tree.Contains(parentId))
        {
            throw new NotFoundException($"parentId {parentId} was not found");
        }
    }

    /// <summary>409 when <paramref name="adding"/> more groups would pass the company's bound.</summary>
    public static void RequireRoomFor(GroupTree tree, int adding, GroupOptions options)
    {
        if (GroupLimits.CountProblem(tree.Count, adding, options.MaxGroupsPerCompany) is { } problem)
        {
            throw new ConflictException(problem);
        }
    }

    /// <summary>409 when a sibling has the name (letter case ignored).</summary>
    public static void RequireFreeName(GroupTree tree, Guid parentId, string name, Guid? exceptGroupId)
    {
        if (GroupRules.NameTakenAmongSiblings(tree, parentId, name, exceptGroupId))
        {
            throw new ConflictException(GroupTreeSession.NameTaken(name));
        }
    }

    /// <summary>400 naming every field problem.</summary>
    public static ValidGroup Validate(GroupDraft draft)
    {
        var (valid, problems) = GroupRules.Check(draft);
        return valid ?? throw new ValidationFailedException(problems);
    }
}
