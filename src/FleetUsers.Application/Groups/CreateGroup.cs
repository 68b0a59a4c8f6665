using FleetUsers.Application.Changes;
using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Groups;

/// <summary>
/// POST /v1/groups: 400 (fields) → 404 (parent) → 403 (not Group Manager over the parent) → 400 (deeper than
/// the tree may grow) → 409 (the company has as many groups as it may; a sibling has the name).
/// </summary>
public sealed class CreateGroup(IDatabase database, ChangeRecorder changes, TimeProvider clock, IOptions<GroupOptions> options)
{
    public async Task<GroupDetails> ExecuteAsync(Caller caller, GroupDraft draft, CancellationToken ct)
    {
        // Fields first (400), before the tree lock is taken.
        var valid = GroupChecks.Validate(draft);
        await using var session = await GroupTreeSession.BeginAsync(database, caller, ct);
        return await GroupTreeSession.WriteAsync(session, () => AddAsync(session, caller, valid, ct), valid.Name, ct);
    }

    /// <summary>The checks and the insert, in a session of <see cref="GroupTreeSession"/> that the caller commits.</summary>
    public Task<GroupDetails> AddAsync(IStorageSession session, Caller caller, GroupDraft draft, CancellationToken ct) =>
        AddAsync(session, caller, GroupChecks.Validate(draft), ct);

    private async Task<GroupDetails> AddAsync(IStorageSession session, Caller caller, ValidGroup valid, CancellationToken ct)
    {
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var parentId = valid.ParentId ?? throw new ValidationFailedException(["parentId is required"]);
        GroupChecks.RequireParent(tree, parentId);
        if (!Reach.Of(caller, tree).CanManageGroupTree(parentId))
        {
            throw new ForbiddenException();
        }
        if (GroupLimits.DepthProblem(tree, parentId, 1) is { } depth)
        {
            throw new ValidationFailedException([depth]);
        }
        GroupChecks.RequireRoomFor(tree, 1, options.Value);
        GroupChecks.RequireFreeName(tree, parentId, valid.Name, null);

        var now = clock.Now();
        var group = new Group(Guid.CreateVersion7(now), caller.CompanyId, parentId, valid.Name, valid.Description, now, now, 1);
        var after = tree.With(group);
        await changes.GroupChangedAsync(session, caller, GroupAuditAction.Create, group, after, ct);
        await session.Groups.InsertAsync(group, ct);
        return GroupDetails.From(group, after);
    }
}
