using FleetUsers.Application.Changes;
using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Application.Groups;

/// <summary>
/// PUT /v1/groups/{id}, a partial edit: rename, describe, move; keys left out keep their value. 404 → 403
/// (group) → 400 (fields) → 404 (new parent) → 400 (root, cycle) → 403 (new parent; reach the move would
/// give the caller) → 400 (depth) → 412 (If-Match) → 409 (sibling name). Every group whose fullPath changed
/// gets a new revision.
/// </summary>
public sealed class EditGroup(IDatabase database, ChangeRecorder changes, TimeProvider clock)
{
    public async Task<GroupDetails> ExecuteAsync(Caller caller, Guid groupId, GroupDraft draft, IReadOnlyCollection<int>? ifMatch, CancellationToken ct)
    {
        await using var session = await GroupTreeSession.BeginAsync(database, caller, ct);
        var edited = await ChangeAsync(session, caller, groupId, draft, ifMatch, ct);
        await session.CommitAsync(ct);
        return edited;
    }

    /// <summary>The checks and the write (none when nothing changes), in a session of <see cref="GroupTreeSession"/> that the caller commits.</summary>
    public async Task<GroupDetails> ChangeAsync(IStorageSession session, Caller caller, Guid groupId, GroupDraft draft,
        IReadOnlyCollection<int>? ifMatch, CancellationToken ct)
    {
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var (group, reach) = GroupChecks.RequireManaged(caller, tree, groupId);
        var valid = GroupChecks.Validate(draft.Over(group));
        var moving = valid.ParentId != group.ParentId;
        if (moving && valid.ParentId is { } newParent)
        {
            GroupChecks.RequireParent(tree, newParent);
        }
        if (GroupMoves.Check(caller, tree, reach, group, valid.ParentId) is { } refusal)
        {
            throw refusal.Refusal;
        }
        if (ifMatch is not null && !ifMatch.Contains(group.Revision))
        {
            throw new PreconditionFailedException("If-Match does not match the group's current revision");
        }
        if (valid.ParentId is { } parentId)
        {
            GroupChecks.RequireFreeName(tree, parentId, valid.Name, group.Id);
        }
        if (GroupRules.ChangedBy(tree, group, valid).Count == 0)
        {
            return GroupDetails.From(group, tree);
        }

        var now = clock.Now();
        var (updated, changed) = GroupMoves.Apply(tree, group, valid, now);
        var after = tree.With(changed);
        await changes.GroupChangedAsync(session, caller, moving ? GroupAuditAction.Move : GroupAuditAction.Update, updated, after, ct);
        try
        {
            await session.Groups.UpdateAsync(updated, ct);
        }
        catch (UniqueViolationException e) when (e.IsGroupName)
        {
            // A sibling took the name after the check (the name kept by a move-only edit, too): the index decides, at this statement.
            throw new ConflictException(GroupTreeSession.NameTaken(updated.Name));
        }
        await session.Groups.BumpRevisionsAsync(caller.CompanyId, changed.Where(g => g.Id != groupId).Select(g => g.Id).ToList(), now, ct);
        return GroupDetails.From(updated, after);
    }
}
