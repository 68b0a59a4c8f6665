using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Application.Groups;

/// <summary>Why a move is refused, and as what: the single move throws it, a bulk move reports its message.</summary>
public sealed record MoveRefusal(RequestRefusedException Refusal, string Message);

/// <summary>
/// The rules of moving a group the caller manages, shared by PUT and bulk move: the root stays
/// the root and no group goes below itself (400), the caller is Group Manager over the new parent
/// (403) and gains no reach by the move (403), and the tree stays within the maximum depth (400).
/// The sibling name is checked by the caller of these rules, after If-Match.
/// </summary>
public static class GroupMoves
{
    public const string GainsReach =
        "the move would give the caller a role over groups it does not hold that role over (a role it holds above the new parent but not above the group)";

    public static MoveRefusal? Check(Caller caller, GroupTree tree, Reach reach, Group group, Guid? newParentId)
    {
        if (GroupRules.PlacementProblem(tree, group, newParentId) is { } placement)
        {
            return Invalid(placement);
        }
        if (newParentId is not { } parentId || parentId == group.ParentId)
        {
            return null;
        }
        if (!reach.CanManageGroupTree(parentId))
        {
            return new MoveRefusal(new ForbiddenException(), $"the caller is not Group Manager over parentId {parentId}");
        }
        if (ReachGrowth.ByMove(caller.GroupRoles, tree, group.Id, parentId))
        {
            return new MoveRefusal(new ForbiddenException(), GainsReach);
        }
        return GroupLimits.DepthProblem(tree, parentId, tree.Height(group.Id)) is { } depth ? Invalid(depth) : null;
    }

    /// <summary>The tree after the move: the group under its new parent, it and every group below it with a new revision.</summary>
    public static (Group Moved, IReadOnlyList<Group> Changed) Apply(GroupTree tree, Group group, ValidGroup after, DateTimeOffset now)
    {
        var moved = group with
        {
            Name = after.Name,
            Description = after.Description,
            ParentId = after.ParentId,
            UpdatedDate = now,
            Revision = group.Revision + 1,
        };
        var below = GroupRules.ChangedBy(tree, group, after).Where(id => id != group.Id)
            .Select(id => tree.Get(id) with { UpdatedDate = now, Revision = tree.Get(id).Revision + 1 });
        return (moved, [moved, .. below]);
    }

    private static MoveRefusal Invalid(string message) => new(new ValidationFailedException([message]), message);
}
