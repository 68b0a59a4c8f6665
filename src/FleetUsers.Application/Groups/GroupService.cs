using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Storage;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Groups;

/// <summary>
/// The group operations. A caller sees the groups it holds any role in, and every group
/// below them; it changes the groups it is Group Manager over. Changes to one company's
/// tree take turns (a lock on the company), so checks and writes never interleave; each
/// change writes its entry of the group trail in its own transaction.
/// </summary>
public sealed class GroupService(Database database, TimeProvider clock, IOptions<GroupOptions> options)
{
    /// <summary>How many names a 409 for a group that still has subgroups or members lists.</summary>
    private const int NamesListed = 5;

    public async Task<GroupPage> ListAsync(Caller caller, GroupListQuery query, CancellationToken ct)
    {
        var tree = await LoadTreeAsync(caller, ct);
        var unknown = query.GroupIds.Where(id => !tree.Contains(id)).Select(id => $"groupIds {id} was not found").ToList();
        if (unknown.Count > 0)
        {
            throw new NotFoundException(unknown);
        }
        var selected = query.GroupIds.Count == 0 ? tree.Groups
            : query.IncludeSubgroups ? query.GroupIds.SelectMany(tree.Subtree).DistinctBy(g => g.Id)
            : query.GroupIds.Select(tree.Get);
        var visible = Reach.Of(caller, tree).VisibleGroups;
        return query.Page(selected.Where(g => visible.Contains(g.Id)), tree);
    }

    public async Task<GroupDetails> GetAsync(Caller caller, Guid groupId, CancellationToken ct)
    {
        var tree = await LoadTreeAsync(caller, ct);
        return GroupDetails.From(RequireVisible(caller, tree, groupId), tree);
    }

    /// <summary>
    /// The ids of the groups below the group, level by level (siblings by name), down to
    /// <paramref name="depth"/> levels: 1 children only, 2 also grandchildren, 0 every level.
    /// A caller who sees a group sees every group below it.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> DescendantsAsync(Caller caller, Guid groupId, int depth, CancellationToken ct)
    {
        var tree = await LoadTreeAsync(caller, ct);
        var level = new List<Group> { RequireVisible(caller, tree, groupId) };
        var ids = new List<Guid>();
        for (var down = 1; level.Count > 0 && (depth == 0 || down <= depth); down++)
        {
            level = level.SelectMany(g => tree.Children(g.Id).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id)).ToList();
            ids.AddRange(level.Select(g => g.Id));
        }
        return ids;
    }

    /// <summary>
    /// POST: 400 (fields) → 404 (parent) → 403 (not Group Manager over the parent) → 400 (deeper than
    /// the tree may grow) → 409 (the company has as many groups as it may; a sibling has the name).
    /// </summary>
    public async Task<GroupDetails> CreateAsync(Caller caller, GroupDraft draft, CancellationToken ct)
    {
        var valid = Validate(draft);
        await using var session = await GroupTreeSession.BeginAsync(database, caller, ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var parentId = valid.ParentId ?? throw new ValidationFailedException(["parentId is required"]);
        RequireParent(tree, parentId);
        if (!Reach.Of(caller, tree).CanManageGroupTree(parentId))
        {
            throw new ForbiddenException();
        }
        if (GroupLimits.DepthProblem(tree, parentId, 1) is { } depth)
        {
            throw new ValidationFailedException([depth]);
        }
        RequireRoomFor(tree, 1);
        RequireFreeName(tree, parentId, valid.Name, null);

        var now = clock.Now();
        var group = new Group(Guid.CreateVersion7(now), caller.CompanyId, parentId, valid.Name, valid.Description, now, now, 1);
        var after = tree.With(group);
        await GroupTreeSession.WriteAsync(session, async () =>
        {
            await GroupAuditTrail.AppendAsync(session, caller, GroupAuditAction.Create, group, after, ct);
            await session.Groups.InsertAsync(group, ct);
        }, valid.Name, ct);
        return GroupDetails.From(group, after);
    }

    /// <summary>
    /// PUT, a partial edit: rename, describe, move; keys left out keep their value. 404 → 403 (group)
    /// → 400 (fields) → 404 (new parent) → 400 (root, cycle) → 403 (new parent; reach the move would
    /// give the caller) → 400 (depth) → 412 (If-Match) → 409 (sibling name). Every group whose
    /// fullPath changed gets a new revision.
    /// </summary>
    public async Task<GroupDetails> UpdateAsync(Caller caller, Guid groupId, GroupDraft draft, IReadOnlyCollection<int>? ifMatch, CancellationToken ct)
    {
        await using var session = await GroupTreeSession.BeginAsync(database, caller, ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var (group, reach) = RequireManaged(caller, tree, groupId);
        var valid = Validate(draft.Over(group));
        var moving = valid.ParentId != group.ParentId;
        if (moving && valid.ParentId is { } newParent)
        {
            RequireParent(tree, newParent);
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
            RequireFreeName(tree, parentId, valid.Name, group.Id);
        }
        if (GroupRules.ChangedBy(tree, group, valid).Count == 0)
        {
            return GroupDetails.From(group, tree);
        }

        var now = clock.Now();
        var (updated, changed) = GroupMoves.Apply(tree, group, valid, now);
        var after = tree.With(changed);
        await GroupTreeSession.WriteAsync(session, async () =>
        {
            await GroupAuditTrail.AppendAsync(session, caller, moving ? GroupAuditAction.Move : GroupAuditAction.Update, updated, after, ct);
            await session.Groups.UpdateAsync(updated, ct);
            await session.Groups.BumpRevisionsAsync(caller.CompanyId, changed.Where(g => g.Id != groupId).Select(g => g.Id).ToList(), now, ct);
        }, valid.Name, ct);
        return GroupDetails.From(updated, after);
    }

    /// <summary>
    /// DELETE: 404 → 403 → 409 (the root, or a group that still has subgroups, users or API clients:
    /// counted, and named where the caller may read them).
    /// </summary>
    public async Task DeleteAsync(Caller caller, Guid groupId, CancellationToken ct)
    {
        await using var session = await GroupTreeSession.BeginAsync(database, caller, ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var (group, reach) = RequireManaged(caller, tree, groupId);
        if (group.ParentId is null)
        {
            throw new ConflictException("the root group cannot be deleted: it is the company's top group");
        }
        var problems = new List<string>();
        var children = tree.Children(groupId);
        if (children.Count > 0)
        {
            problems.Add($"the group has {children.Count} subgroup(s), move or delete them first: {Names(children.Select(c => c.Name).Order(StringComparer.OrdinalIgnoreCase), children.Count)}");
        }
        problems.AddRange(await MemberProblemsAsync(session, reach, groupId, ct));
        if (problems.Count > 0)
        {
            throw new ConflictException(problems);
        }
        try
        {
            await GroupAuditTrail.AppendDeletedAsync(session, caller, group, tree, clock.Now(), ct);
            await session.Groups.DeleteAsync(caller.CompanyId, groupId, ct);
            await session.CommitAsync(ct);
        }
        catch (ForeignKeyViolationException)
        {
            // A user was given a role in the group after we counted (user writes do not take the tree lock).
            throw new ConflictException("the group has users with a role in it, give them other groups first");
        }
    }

    /// <summary>
    /// Who still holds a role in the group: counted, and named only where the caller may read them
    /// (users with a role in a group it reads users of; API clients when it reads the group's users).
    /// </summary>
    private static async Task<IEnumerable<string>> MemberProblemsAsync(StorageSession session, Reach reach, Guid groupId, CancellationToken ct)
    {
        var readsGroup = reach.ReadableGroups.Contains(groupId);
        var members = await session.Groups.MembersAsync(groupId, NamesListed, readsGroup ? null : reach.ReadableGroups.ToList(), ct);
        var problems = new List<string>();
        if (members.UserCount > 0)
        {
            problems.Add($"the group has {members.UserCount} user(s) with a role in it, give them other groups first{Listing(members.SomeUsernames, members.UserCount)}");
        }
        if (members.ClientCount > 0)
        {
            problems.Add($"the group has {members.ClientCount} API client(s) with a role in it, revoke them first{Listing(readsGroup ? members.SomeClientNames : [], members.ClientCount)}");
        }
        return problems;
    }

    private async Task<GroupTree> LoadTreeAsync(Caller caller, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        return await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
    }

    /// <summary>404 outside the company (or another company's), 403 outside the caller's reach.</summary>
    private static Group RequireVisible(Caller caller, GroupTree tree, Guid groupId)
    {
        var group = tree.Find(groupId) ?? throw new NotFoundException($"No group with id {groupId}");
        return Reach.Of(caller, tree).VisibleGroups.Contains(groupId) ? group : throw new ForbiddenException();
    }

    private static (Group Group, Reach Reach) RequireManaged(Caller caller, GroupTree tree, Guid groupId)
    {
        var group = tree.Find(groupId) ?? throw new NotFoundException($"No group with id {groupId}");
        var reach = Reach.Of(caller, tree);
        return reach.CanManageGroupTree(groupId) ? (group, reach) : throw new ForbiddenException();
    }

    private static void RequireParent(GroupTree tree, Guid parentId)
    {
        if (!tree.Contains(parentId))
        {
            throw new NotFoundException($"parentId {parentId} was not found");
        }
    }

    /// <summary>409 when <paramref name="adding"/> more groups would pass the company's bound.</summary>
    private void RequireRoomFor(GroupTree tree, int adding)
    {
        if (GroupLimits.CountProblem(tree.Count, adding, options.Value.MaxGroupsPerCompany) is { } problem)
        {
            throw new ConflictException(problem);
        }
    }

    private static void RequireFreeName(GroupTree tree, Guid parentId, string name, Guid? exceptGroupId)
    {
        if (GroupRules.NameTakenAmongSiblings(tree, parentId, name, exceptGroupId))
        {
            throw new ConflictException(GroupTreeSession.NameTaken(name));
        }
    }

    private static ValidGroup Validate(GroupDraft draft)
    {
        var (valid, problems) = GroupRules.Check(draft);
        return valid ?? throw new ValidationFailedException(problems);
    }

    private static string Listing(IReadOnlyList<string> names, int total) =>
        names.Count == 0 ? "" : ": " + Names(names, total);

    private static string Names(IEnumerable<string> names, int total)
    {
        var listed = names.Take(NamesListed).ToList();
        return string.Join(", ", listed) + (total > listed.Count ? $" and {total - listed.Count} more" : "");
    }
}

