using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Storage;

namespace FleetUsers.Application.Groups;

/// <summary>
/// The group operations. A caller sees the groups it holds any role in, and every group
/// below them; it changes the groups it is Group Manager over. Changes to one company's
/// tree take turns (a lock on the company), so checks and writes never interleave.
/// </summary>
public sealed class GroupService(Database database, TimeProvider clock)
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
        return query.Page(selected.Where(g => visible.Contains(g.Id)).Select(g => GroupDetails.From(g, tree)));
    }

    public async Task<GroupDetails> GetAsync(Caller caller, Guid groupId, CancellationToken ct)
    {
        var tree = await LoadTreeAsync(caller, ct);
        return GroupDetails.From(RequireVisible(caller, tree, groupId), tree);
    }

    /// <summary>Every group below the group (not the group itself); a caller who sees a group sees all of them.</summary>
    public async Task<GroupPage> DescendantsAsync(Caller caller, Guid groupId, GroupListQuery query, CancellationToken ct)
    {
        var tree = await LoadTreeAsync(caller, ct);
        RequireVisible(caller, tree, groupId);
        return query.Page(tree.Subtree(groupId).Where(g => g.Id != groupId).Select(g => GroupDetails.From(g, tree)));
    }

    /// <summary>POST: 400 (fields) → 404 (parent) → 403 (not Group Manager over the parent) → 409 (a sibling has the name).</summary>
    public async Task<GroupDetails> CreateAsync(Caller caller, GroupDraft draft, CancellationToken ct)
    {
        var valid = Validate(draft);
        await using var session = await BeginTreeChangeAsync(caller, ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var parentId = valid.ParentId ?? throw new ValidationFailedException(["parentId is required"]);
        RequireParent(tree, parentId);
        if (!Reach.Of(caller, tree).CanManageGroupTree(parentId))
        {
            throw new ForbiddenException();
        }
        RequireFreeName(tree, parentId, valid.Name, null);

        var now = clock.Now();
        var group = new Group(Guid.CreateVersion7(now), caller.CompanyId, parentId, valid.Name, valid.Description, now, now, 1);
        await WriteAsync(session, () => session.Groups.InsertAsync(group, ct), valid.Name, ct);
        return GroupDetails.From(group, tree.With(group));
    }

    /// <summary>
    /// PUT: rename, describe and move. 404 → 403 (group) → 400 (fields) → 404 (new parent) →
    /// 400 (root, cycle) → 403 (new parent) → 412 (If-Match) → 409 (sibling name). Every group
    /// whose fullPath changed gets a new revision.
    /// </summary>
    public async Task<GroupDetails> UpdateAsync(Caller caller, Guid groupId, GroupDraft draft, IReadOnlyCollection<int>? ifMatch, CancellationToken ct)
    {
        await using var session = await BeginTreeChangeAsync(caller, ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var (group, reach) = RequireManaged(caller, tree, groupId);
        var valid = Validate(draft);
        var moving = valid.ParentId != group.ParentId;
        if (moving && valid.ParentId is { } newParent)
        {
            RequireParent(tree, newParent);
        }
        if (GroupRules.PlacementProblem(tree, group, valid.ParentId) is { } placement)
        {
            throw new ValidationFailedException([placement]);
        }
        if (moving && !reach.CanManageGroupTree(valid.ParentId!.Value))
        {
            throw new ForbiddenException();
        }
        if (ifMatch is not null && !ifMatch.Contains(group.Revision))
        {
            throw new PreconditionFailedException("If-Match does not match the group's current revision");
        }
        if (valid.ParentId is { } parentId)
        {
            RequireFreeName(tree, parentId, valid.Name, group.Id);
        }

        var changed = GroupRules.ChangedBy(tree, group, valid);
        if (changed.Count == 0)
        {
            return GroupDetails.From(group, tree);
        }
        var now = clock.Now();
        var updated = group with
        {
            Name = valid.Name,
            Description = valid.Description,
            ParentId = valid.ParentId,
            UpdatedDate = now,
            Revision = group.Revision + 1,
        };
        await WriteAsync(session, async () =>
        {
            await session.Groups.UpdateAsync(updated, ct);
            await session.Groups.BumpRevisionsAsync(caller.CompanyId, changed.Where(id => id != groupId).ToList(), now, ct);
        }, valid.Name, ct);
        return GroupDetails.From(updated, tree.With(updated));
    }

    /// <summary>DELETE: 404 → 403 → 409 (the root, or a group that still has subgroups, users or API clients: named).</summary>
    public async Task DeleteAsync(Caller caller, Guid groupId, CancellationToken ct)
    {
        await using var session = await BeginTreeChangeAsync(caller, ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var (group, _) = RequireManaged(caller, tree, groupId);
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
        var members = await session.Groups.MembersAsync(groupId, NamesListed, ct);
        if (members.UserCount > 0)
        {
            problems.Add($"the group has {members.UserCount} user(s) with a role in it, give them other groups first: {Names(members.SomeUsernames, members.UserCount)}");
        }
        if (members.ClientCount > 0)
        {
            problems.Add($"the group has {members.ClientCount} API client(s) with a role in it, revoke them first: {Names(members.SomeClientNames, members.ClientCount)}");
        }
        if (problems.Count > 0)
        {
            throw new ConflictException(problems);
        }
        try
        {
            await session.Groups.DeleteAsync(caller.CompanyId, groupId, ct);
            await session.CommitAsync(ct);
        }
        catch (ForeignKeyViolationException)
        {
            // A user was given a role in the group after we counted (user writes do not take the tree lock).
            throw new ConflictException("the group has users with a role in it, give them other groups first");
        }
    }

    private async Task<GroupTree> LoadTreeAsync(Caller caller, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        return await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
    }

    private async Task<StorageSession> BeginTreeChangeAsync(Caller caller, CancellationToken ct)
    {
        var session = await database.BeginAsync(write: true, ct);
        try
        {
            await session.Companies.LockTreeAsync(caller.CompanyId, ct);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
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

    private static void RequireFreeName(GroupTree tree, Guid parentId, string name, Guid? exceptGroupId)
    {
        if (GroupRules.NameTakenAmongSiblings(tree, parentId, name, exceptGroupId))
        {
            throw new ConflictException(NameTaken(name));
        }
    }

    private static ValidGroup Validate(GroupDraft draft)
    {
        var (valid, problems) = GroupRules.Check(draft);
        return valid ?? throw new ValidationFailedException(problems);
    }

    /// <summary>Writes and commits; the unique index on sibling names decides a race the check above could not see.</summary>
    private static async Task WriteAsync(StorageSession session, Func<Task> write, string name, CancellationToken ct)
    {
        try
        {
            await write();
            await session.CommitAsync(ct);
        }
        catch (UniqueViolationException e) when (e.IsGroupName)
        {
            throw new ConflictException(NameTaken(name));
        }
    }

    private static string NameTaken(string name) => $"name {name} is already taken by a sibling group (names are compared ignoring letter case)";

    private static string Names(IEnumerable<string> names, int total)
    {
        var listed = names.Take(NamesListed).ToList();
        return string.Join(", ", listed) + (total > listed.Count ? $" and {total - listed.Count} more" : "");
    }
}
