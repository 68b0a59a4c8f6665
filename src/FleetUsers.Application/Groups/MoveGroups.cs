using FleetUsers.Application.Changes;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Application.Ports;

namespace FleetUsers.Application.Groups;

/// <summary>One entry of a bulk move: the group, and the parent it goes under. <see cref="Index"/> is its place in the request.</summary>
public sealed record GroupMoveRequest(int Index, Guid GroupId, Guid NewParentId);

/// <summary>A move that was not made, and why.</summary>
public sealed record UnmovedGroup(GroupDetails Group, string ErrorMessage);

public sealed record BulkMoveResult(IReadOnlyList<GroupDetails> Moved, IReadOnlyList<UnmovedGroup> Unmoved);

/// <summary>
/// POST /v1/groups/bulkMove: moves in request order, each by the rules of a single move (reach,
/// cycles, depth, the reach it would give the caller, sibling names) against the tree as the
/// moves before it left it. The moves made are committed together; refused ones are reported.
/// </summary>
public sealed class MoveGroups(IDatabase database, ChangeRecorder changes, TimeProvider clock)
{
    /// <summary>The most moves one request may carry: each rebuilds the company's tree in memory.</summary>
    public const int MaxMoves = 1_000;

    /// <summary>
    /// 400 for entries naming no group of the company (or a group twice), 403 when a group to move
    /// is not even visible to the caller: nothing is moved then. Otherwise each move is made or reported.
    /// </summary>
    public async Task<BulkMoveResult> ExecuteAsync(Caller caller, IReadOnlyList<GroupMoveRequest> moves, CancellationToken ct)
    {
        await using var session = await GroupTreeSession.BeginAsync(database, caller, ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        RequireKnown(tree, moves);
        var visible = Reach.Of(caller, tree).VisibleGroups;
        if (moves.Any(m => !visible.Contains(m.GroupId)))
        {
            throw new ForbiddenException();
        }

        var now = clock.Now();
        var moved = new List<Guid>();
        var unmoved = new List<(Guid GroupId, string Message)>();
        foreach (var move in moves)
        {
            var group = tree.Get(move.GroupId);
            var reach = Reach.Of(caller, tree);
            var refusal = !reach.CanManageGroupTree(group.Id) ? "the caller is not Group Manager over the group"
                : GroupMoves.Check(caller, tree, reach, group, move.NewParentId)?.Message
                ?? (GroupRules.NameTakenAmongSiblings(tree, move.NewParentId, group.Name, group.Id) ? GroupTreeSession.NameTaken(group.Name) : null);
            if (refusal is not null)
            {
                unmoved.Add((group.Id, refusal));
                continue;
            }
            moved.Add(group.Id);
            if (group.ParentId == move.NewParentId)
            {
                continue; // already there: nothing to write
            }
            var (updated, changed) = GroupMoves.Apply(tree, group, new ValidGroup(group.Name, group.Description, move.NewParentId), now);
            tree = tree.With(changed);
            await changes.GroupChangedAsync(session, caller, GroupAuditAction.Move, updated, tree, ct);
            await session.Groups.UpdateAsync(updated, ct);
            await session.Groups.BumpRevisionsAsync(caller.CompanyId, changed.Where(g => g.Id != group.Id).Select(g => g.Id).ToList(), now, ct);
        }
        // Every check ran against the tree under the company's lock: the writes cannot meet a sibling's name.
        await session.CommitAsync(ct);
        return new BulkMoveResult(
            moved.Select(id => GroupDetails.From(tree.Get(id), tree)).ToList(),
            unmoved.Select(u => new UnmovedGroup(GroupDetails.From(tree.Get(u.GroupId), tree), u.Message)).ToList());
    }

    private static void RequireKnown(GroupTree tree, IReadOnlyList<GroupMoveRequest> moves)
    {
        var problems = new List<string>();
        var seen = new Dictionary<Guid, int>();
        foreach (var move in moves)
        {
            if (!tree.Contains(move.GroupId))
            {
                problems.Add($"[{move.Index}].path group {move.GroupId} was not found");
            }
            else if (!seen.TryAdd(move.GroupId, move.Index))
            {
                problems.Add($"[{move.Index}].path group {move.GroupId} is moved by [{seen[move.GroupId]}] already");
            }
            if (!tree.Contains(move.NewParentId))
            {
                problems.Add($"[{move.Index}].value parent group {move.NewParentId} was not found");
            }
        }
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
    }
}
