using FleetUsers.Application.Groups;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Scim;

/// <summary>A group as SCIM sees it: the group, and what SCIM keeps beside it (externalId, its own version).</summary>
public sealed record ScimGroup(Group Group, ScimGroupState Scim)
{
    public string? ExternalId => Scim.ExternalId;

    /// <summary>meta.version and the ETag: the group's revision plus the SCIM version; both only grow, so either change moves it.</summary>
    public long Version => Group.Revision + Scim.Version;

    public DateTimeOffset LastModified => Scim.UpdatedDate is { } scim && scim > Group.UpdatedDate ? scim : Group.UpdatedDate;
}

/// <summary>A SCIM group and its members (null: not read).</summary>
public sealed record ScimGroupView(ScimGroup Group, IReadOnlyList<ScimMember>? Members);

/// <summary>What makes a user a member of a SCIM group: the client's role, in one of the groups below the client's group.</summary>
public sealed record ScimMembership(IReadOnlySet<Guid> GroupIds, int RoleId)
{
    /// <summary>No groups: for answers that neither show nor filter by <c>groups</c> (so the tree is not read for them).</summary>
    public static readonly ScimMembership None = new(new HashSet<Guid>(), 0);

    public bool IsMember(Guid groupId, int roleId) => roleId == RoleId && GroupIds.Contains(groupId);
}

/// <summary>A user holding the SCIM client's role in a group: a SCIM member.</summary>
public sealed record ScimMember(Guid UserId, string Username);

/// <summary>What a SCIM write makes of a group: its name (null: kept), its externalId (null: none), the members it adds and removes.</summary>
public sealed record ScimGroupChange
{
    public string? DisplayName { get; init; }
    public string? ExternalId { get; init; }
    public IReadOnlyCollection<Guid> AddMembers { get; init; } = [];
    public IReadOnlyCollection<Guid> RemoveMembers { get; init; } = [];
}

/// <summary>
/// SCIM Groups over FleetUsers groups: a SCIM client's groups are those below its group (its own group
/// is where its users start, not a SCIM group); anything else is 404. A member is a user holding the
/// client's role in the group: adding or removing one goes through <see cref="PatchGroupRoles"/> (same
/// reach, audit and events as the REST group-role patch). A group write reads the group and its members,
/// and writes, in one transaction under the tree lock, so it happens whole or not at all and is decided on
/// what it changes. Member and externalId changes move the SCIM version kept beside the group, not the
/// group's revision: they are not changes of the group tree, which every instance caches.
/// </summary>
public sealed class ScimGroups(IDatabase database, CreateGroup create, EditGroup edit, DeleteGroup delete, PatchGroupRoles roles,
    TimeProvider clock)
{
    /// <summary>The most members one read answers with, over all the groups it reads (a provider that needs more excludes members, as Entra does).</summary>
    public const int MaxMembers = 100_000;

    /// <summary>The client's groups, in tree order.</summary>
    public async Task<IReadOnlyList<ScimGroup>> ListAsync(ScimClient client, CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        var tree = await session.Groups.LoadTreeAsync(client.Caller.CompanyId, ct);
        var states = await session.Groups.ScimStatesAsync(client.Caller.CompanyId, ct);
        return tree.Subtree(client.GroupId).Where(g => g.Id != client.GroupId).OrderBy(g => tree.TreeIndex(g.Id))
            .Select(g => new ScimGroup(g, states.GetValueOrDefault(g.Id) ?? ScimGroupState.None)).ToList();
    }

    /// <summary>The client's groups and role: what a user's <c>groups</c> attribute shows.</summary>
    public async Task<ScimMembership> MembershipAsync(ScimClient client, CancellationToken ct)
    {
        var tree = await GroupChecks.LoadTreeAsync(database, client.Caller, ct);
        return new ScimMembership(tree.Subtree(client.GroupId).Where(g => g.Id != client.GroupId).Select(g => g.Id).ToHashSet(),
            client.MemberRoleId);
    }

    /// <summary>One of the client's groups (with its members when <paramref name="withMembers"/>); 404 for any other.</summary>
    public async Task<ScimGroupView> GetAsync(ScimClient client, Guid groupId, bool withMembers, CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        var tree = await session.Groups.LoadTreeAsync(client.Caller.CompanyId, ct);
        var group = await FindAsync(session, client, tree, groupId, ct);
        return new ScimGroupView(group, withMembers ? (await MembersAsync(session, tree, client, [groupId], ct))[groupId] : null);
    }

    /// <summary>The members of some of the client's groups (a page of a list), read together.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ScimMember>>> MembersAsync(ScimClient client, IReadOnlyCollection<Guid> groupIds,
        CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        var tree = await session.Groups.LoadTreeAsync(client.Caller.CompanyId, ct);
        return await MembersAsync(session, tree, client, groupIds, ct);
    }

    /// <summary>
    /// Each group's members (not SCIM-deleted, readable by the client), in username order: one list of the
    /// users holding the client's role in any of the groups, split by their roles.
    /// </summary>
    private static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ScimMember>>> MembersAsync(IStorageSession session, GroupTree tree,
        ScimClient client, IReadOnlyCollection<Guid> groupIds, CancellationToken ct)
    {
        var members = groupIds.Distinct().ToDictionary(id => id, _ => new List<ScimMember>());
        if (members.Count > 0)
        {
            var users = await ListUsers.ListAsync(session, tree, client.Caller, new UserListQuery
            {
                GroupIds = members.Keys.ToList(),
                RoleIds = [client.MemberRoleId],
                Scim = new ScimUserCondition(),
                Limit = MaxMembers,
            }, ct);
            foreach (var user in users.Users)
            {
                foreach (var role in user.GroupRoles.Where(r => r.RoleId == client.MemberRoleId))
                {
                    members.GetValueOrDefault(role.GroupId)?.Add(new ScimMember(user.Id, user.Profile.Username ?? ""));
                }
            }
        }
        return members.ToDictionary(m => m.Key,
            m => (IReadOnlyList<ScimMember>)m.Value.OrderBy(u => u.Username, StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>A new group under the client's group, with its members: 409 when a sibling has the name.</summary>
    public async Task<ScimGroupView> CreateAsync(ScimClient client, ScimGroupChange change, CancellationToken ct)
    {
        var name = change.DisplayName ?? throw new ValidationFailedException(["displayName is required"]);
        var companyId = client.Caller.CompanyId;
        await using var session = await GroupTreeSession.BeginAsync(database, client.Caller, ct);
        return await GroupTreeSession.WriteAsync(session, async () =>
        {
            var group = (await create.AddAsync(session, client.Caller, new GroupDraft { Name = name, ParentId = client.GroupId }, ct)).Group;
            var state = new ScimGroupState(change.ExternalId, 0, null);
            if (state.ExternalId is not null)
            {
                await session.Groups.SetScimStateAsync(companyId, group.Id, state, ct);
            }
            // Read once after the insert (this session changed the tree, so it is not cached), for every member.
            var tree = await session.Groups.LoadTreeAsync(companyId, ct);
            await ChangeMembersAsync(session, tree, client, group.Id, change.AddMembers, [], ct);
            return new ScimGroupView(new ScimGroup(group, state), (await MembersAsync(session, tree, client, [group.Id], ct))[group.Id]);
        }, name, ct);
    }

    /// <summary>
    /// Reads the group and its members, asks <paramref name="decide"/> what to make of them (null: nothing),
    /// and writes that: rename, externalId, members added and removed, all or nothing. 412 when
    /// <paramref name="ifMatch"/> (the client's If-Match, when it sent one) refuses the group's version.
    /// The group as it is afterwards.
    /// </summary>
    public async Task<ScimGroupView> ChangeAsync(ScimClient client, Guid groupId, Func<long, bool>? ifMatch,
        Func<ScimGroupView, ScimGroupChange?> decide, CancellationToken ct)
    {
        var caller = client.Caller;
        await using var session = await GroupTreeSession.BeginAsync(database, caller, ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var stored = await FindAsync(session, client, tree, groupId, ct);
        RequireVersion(stored, ifMatch);
        var current = new ScimGroupView(stored, (await MembersAsync(session, tree, client, [groupId], ct))[groupId]);
        if (decide(current) is not { } change)
        {
            return current;
        }
        var group = stored.Group;
        return await GroupTreeSession.WriteAsync(session, async () =>
        {
            var membersChanged = await ChangeMembersAsync(session, tree, client, groupId, change.AddMembers, change.RemoveMembers, ct);
            if (change.DisplayName is { } name && name != group.Name)
            {
                group = (await edit.ChangeAsync(session, caller, groupId,
                    new GroupDraft { Name = name, HasDescription = false, HasParentId = false }, null, ct)).Group;
            }
            var state = stored.Scim;
            if (membersChanged || change.ExternalId != state.ExternalId)
            {
                state = new ScimGroupState(change.ExternalId, state.Version + 1, clock.Now());
                await session.Groups.SetScimStateAsync(caller.CompanyId, groupId, state, ct);
            }
            var members = membersChanged ? (await MembersAsync(session, tree, client, [groupId], ct))[groupId] : current.Members;
            return new ScimGroupView(new ScimGroup(group, state), members);
        }, change.DisplayName ?? group.Name, ct);
    }

    /// <summary>
    /// Takes the client's role from the members, then deletes the group: 409 when it still has subgroups,
    /// users holding other roles there, API clients, or a member for whom that role is the last one.
    /// </summary>
    public async Task DeleteAsync(ScimClient client, Guid groupId, Func<long, bool>? ifMatch, CancellationToken ct)
    {
        await using var session = await GroupTreeSession.BeginAsync(database, client.Caller, ct);
        var tree = await session.Groups.LoadTreeAsync(client.Caller.CompanyId, ct);
        RequireVersion(await FindAsync(session, client, tree, groupId, ct), ifMatch);
        var members = (await MembersAsync(session, tree, client, [groupId], ct))[groupId];
        try
        {
            await ChangeMembersAsync(session, tree, client, groupId, [], members.Select(m => m.UserId).ToList(), ct);
        }
        catch (ValidationFailedException e)
        {
            throw new ConflictException(e.Problems.Select(p => "the group's members keep their role in it: " + p).ToList());
        }
        catch (ForbiddenException)
        {
            throw new ConflictException("the group has members with roles outside the SCIM client's groups; they keep their role in it");
        }
        try
        {
            await delete.RemoveAsync(session, client.Caller, groupId, ct);
            await session.CommitAsync(ct);
        }
        catch (ForeignKeyViolationException)
        {
            throw DeleteGroup.MembersMeanwhile();
        }
    }

    /// <summary>404 unless the group lies below the client's group.</summary>
    private static async Task<ScimGroup> FindAsync(IStorageSession session, ScimClient client, GroupTree tree, Guid groupId, CancellationToken ct)
    {
        var group = tree.Find(groupId) is { } found && found.Id != client.GroupId && tree.IsWithin(groupId, client.GroupId)
            ? found
            : throw new NotFoundException($"No group with id {groupId}");
        return new ScimGroup(group, await session.Groups.ScimStateAsync(client.Caller.CompanyId, groupId, ct));
    }

    private static void RequireVersion(ScimGroup group, Func<long, bool>? ifMatch)
    {
        if (ifMatch is not null && !ifMatch(group.Version))
        {
            throw new PreconditionFailedException("If-Match does not match the group's current version; read it again.");
        }
    }

    /// <summary>
    /// Gives or takes the client's role in the group, one user at a time in id order (so concurrent writes
    /// lock rows in the same order); a user who already has (or lacks) it is left alone, so a retry succeeds.
    /// Whether anything changed.
    /// </summary>
    private async Task<bool> ChangeMembersAsync(IStorageSession session, GroupTree tree, ScimClient client, Guid groupId,
        IReadOnlyCollection<Guid> add, IReadOnlyCollection<Guid> remove, CancellationToken ct)
    {
        var role = new GroupRole(groupId, client.MemberRoleId);
        var reach = Reach.Of(client.Caller, tree);
        var changed = false;
        foreach (var userId in add.Concat(remove).Distinct().Order())
        {
            var kind = add.Contains(userId) ? GroupRoleChangeKind.Add : GroupRoleChangeKind.Remove;
            var user = await session.Users.FindAsync(client.Caller.CompanyId, userId, forUpdate: true, ct);
            if (user is null || user.ScimRemoved || !reach.CanReadUser(user.GroupRoles))
            {
                if (kind == GroupRoleChangeKind.Remove) continue;
                throw new ValidationFailedException([$"members: no user with id {userId}"]);
            }
            if (user.GroupRoles.Contains(role) == (kind == GroupRoleChangeKind.Add)) continue;
            try
            {
                await roles.ApplyAsync(session, client.Caller, UserForChange.Of(user, tree, reach), [new GroupRoleChange(0, kind, role)], [], null,
                    commit: false, ct);
            }
            catch (ValidationFailedException e)
            {
                throw new ValidationFailedException(e.Problems.Select(p => $"members: user {user.Profile.Username}: {p}").ToList());
            }
            changed = true;
        }
        return changed;
    }
}
