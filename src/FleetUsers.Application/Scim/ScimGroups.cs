using FleetUsers.Application.Groups;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Scim;

/// <summary>A group as SCIM sees it: the group, and the identity provider's externalId.</summary>
public sealed record ScimGroup(Group Group, string? ExternalId);

/// <summary>What makes a user a member of a SCIM group: the client's role, in one of the groups below the client's group.</summary>
public sealed record ScimMembership(IReadOnlySet<Guid> GroupIds, int RoleId)
{
    public bool IsMember(Guid groupId, int roleId) => roleId == RoleId && GroupIds.Contains(groupId);
}

/// <summary>A user holding the SCIM client's role in a group: a SCIM member.</summary>
public sealed record ScimMember(Guid UserId, string Username);

/// <summary>What a SCIM write changes in a group; null name or externalId: kept as it is.</summary>
public sealed record ScimGroupChange
{
    public string? DisplayName { get; init; }
    public bool SetsExternalId { get; init; }
    public string? ExternalId { get; init; }
    public IReadOnlyCollection<Guid> AddMembers { get; init; } = [];
    public IReadOnlyCollection<Guid> RemoveMembers { get; init; } = [];
}

/// <summary>
/// SCIM Groups over FleetUsers groups: a SCIM client's groups are those below its group (its own group
/// is where its users start, not a SCIM group); anything else is 404. A member is a user holding the
/// client's role in the group: adding or removing one goes through <see cref="PatchGroupRoles"/> (same
/// reach, audit and events as the REST group-role patch), and a group write with its member changes is
/// one transaction under the tree lock, so it happens whole or not at all.
/// </summary>
public sealed class ScimGroups(IDatabase database, CreateGroup create, EditGroup edit, DeleteGroup delete, PatchGroupRoles roles,
    TimeProvider clock)
{
    /// <summary>The most members a group answers with (a provider that needs more excludes members, as Entra does).</summary>
    public const int MaxMembers = 100_000;

    /// <summary>The client's groups, in tree order.</summary>
    public async Task<IReadOnlyList<ScimGroup>> ListAsync(ScimClient client, CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        var tree = await session.Groups.LoadTreeAsync(client.Caller.CompanyId, ct);
        var externalIds = await session.Groups.ExternalIdsAsync(client.Caller.CompanyId, ct);
        return tree.Subtree(client.GroupId).Where(g => g.Id != client.GroupId).OrderBy(g => tree.TreeIndex(g.Id))
            .Select(g => new ScimGroup(g, externalIds.GetValueOrDefault(g.Id))).ToList();
    }

    /// <summary>The client's groups and role: what a user's <c>groups</c> attribute shows.</summary>
    public async Task<ScimMembership> MembershipAsync(ScimClient client, CancellationToken ct)
    {
        var tree = await GroupChecks.LoadTreeAsync(database, client.Caller, ct);
        return new ScimMembership(tree.Subtree(client.GroupId).Where(g => g.Id != client.GroupId).Select(g => g.Id).ToHashSet(),
            client.MemberRoleId);
    }

    /// <summary>One of the client's groups; 404 for any other.</summary>
    public async Task<ScimGroup> GetAsync(ScimClient client, Guid groupId, CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        var tree = await session.Groups.LoadTreeAsync(client.Caller.CompanyId, ct);
        var group = Require(client, tree, groupId);
        var externalIds = await session.Groups.ExternalIdsAsync(client.Caller.CompanyId, ct);
        return new ScimGroup(group, externalIds.GetValueOrDefault(groupId));
    }

    /// <summary>The group's members (not SCIM-deleted), in username order.</summary>
    public async Task<IReadOnlyList<ScimMember>> MembersAsync(ScimClient client, Guid groupId, CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        return await MembersAsync(session, client, groupId, ct);
    }

    private static async Task<IReadOnlyList<ScimMember>> MembersAsync(IStorageSession session, ScimClient client, Guid groupId,
        CancellationToken ct)
    {
        var tree = await session.Groups.LoadTreeAsync(client.Caller.CompanyId, ct);
        var reach = Reach.Of(client.Caller, tree);
        var (_, page) = await session.Users.ListAsync(new UserListFilter
        {
            CompanyId = client.Caller.CompanyId,
            InGroups = [groupId],
            RoleIds = [client.MemberRoleId],
            ReadableGroups = reach.ReadsWholeCompany ? null : reach.ReadableGroups.ToList(),
            Scim = new ScimUserCondition(),
            Limit = MaxMembers,
        }, ct);
        return page.Select(u => new ScimMember(u.Id, u.Profile.Username ?? "")).OrderBy(m => m.Username, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>A new group under the client's group, with its members: 409 when a sibling has the name.</summary>
    public async Task<Guid> CreateAsync(ScimClient client, ScimGroupChange change, CancellationToken ct)
    {
        var name = change.DisplayName ?? throw new ValidationFailedException(["displayName is required"]);
        await using var session = await GroupTreeSession.BeginAsync(database, client.Caller, ct);
        var groupId = Guid.Empty;
        await GroupTreeSession.WriteAsync(session, async () =>
        {
            var group = await create.AddAsync(session, client.Caller, new GroupDraft { Name = name, ParentId = client.GroupId }, ct);
            groupId = group.Group.Id;
            if (change.ExternalId is not null)
            {
                await session.Groups.SetExternalIdAsync(client.Caller.CompanyId, groupId, change.ExternalId, ct);
            }
            await ChangeMembersAsync(session, client, groupId, change.AddMembers, [], ct);
        }, name, ct);
        return groupId;
    }

    /// <summary>Renames, sets the externalId, adds and removes members, all or nothing; 412 unless <paramref name="ifMatch"/> (when given) is the revision.</summary>
    public async Task ChangeAsync(ScimClient client, Guid groupId, ScimGroupChange change, int? ifMatch, CancellationToken ct)
    {
        await using var session = await GroupTreeSession.BeginAsync(database, client.Caller, ct);
        var tree = await session.Groups.LoadTreeAsync(client.Caller.CompanyId, ct);
        var group = Require(client, tree, groupId);
        if (ifMatch is { } revision && revision != group.Revision)
        {
            throw new PreconditionFailedException("If-Match does not match the group's current version; read it again");
        }
        await GroupTreeSession.WriteAsync(session, async () =>
        {
            // Members first: the rename below reads the tree again, and a tree this session changed is not cached.
            var membersChanged = await ChangeMembersAsync(session, client, groupId, change.AddMembers, change.RemoveMembers, ct);
            var renamed = change.DisplayName is { } name && name != group.Name;
            if (renamed)
            {
                await edit.ChangeAsync(session, client.Caller, groupId,
                    new GroupDraft { Name = change.DisplayName, HasDescription = false, HasParentId = false }, null, ct);
            }
            var externalIdChanged = false;
            if (change.SetsExternalId)
            {
                var stored = (await session.Groups.ExternalIdsAsync(client.Caller.CompanyId, ct)).GetValueOrDefault(groupId);
                externalIdChanged = stored != change.ExternalId;
                if (externalIdChanged)
                {
                    await session.Groups.SetExternalIdAsync(client.Caller.CompanyId, groupId, change.ExternalId, ct);
                }
            }
            if (!renamed && (membersChanged || externalIdChanged))
            {
                // The SCIM version (ETag) of a group is its revision: a change of its members is a change of the resource.
                await session.Groups.BumpRevisionsAsync(client.Caller.CompanyId, [groupId], clock.Now(), ct);
            }
        }, change.DisplayName ?? group.Name, ct);
    }

    /// <summary>
    /// Takes the client's role from the members, then deletes the group: 409 when it still has subgroups,
    /// users holding other roles there, API clients, or a member for whom that role is the last one.
    /// </summary>
    public async Task DeleteAsync(ScimClient client, Guid groupId, int? ifMatch, CancellationToken ct)
    {
        await using var session = await GroupTreeSession.BeginAsync(database, client.Caller, ct);
        var tree = await session.Groups.LoadTreeAsync(client.Caller.CompanyId, ct);
        var group = Require(client, tree, groupId);
        if (ifMatch is { } revision && revision != group.Revision)
        {
            throw new PreconditionFailedException("If-Match does not match the group's current version; read it again");
        }
        var members = await MembersAsync(session, client, groupId, ct);
        try
        {
            await ChangeMembersAsync(session, client, groupId, [], members.Select(m => m.UserId).ToList(), ct);
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
    private static Group Require(ScimClient client, GroupTree tree, Guid groupId) =>
        tree.Find(groupId) is { } group && group.Id != client.GroupId && tree.IsWithin(groupId, client.GroupId)
            ? group
            : throw new NotFoundException($"No group with id {groupId}");

    /// <summary>
    /// Gives or takes the client's role in the group, one user at a time in id order (so concurrent writes
    /// lock rows in the same order); a user who already has (or lacks) it is left alone, so a retry succeeds.
    /// Whether anything changed.
    /// </summary>
    private async Task<bool> ChangeMembersAsync(IStorageSession session, ScimClient client, Guid groupId, IReadOnlyCollection<Guid> add,
        IReadOnlyCollection<Guid> remove, CancellationToken ct)
    {
        var role = new GroupRole(groupId, client.MemberRoleId);
        var changed = false;
        foreach (var userId in add.Concat(remove).Distinct().Order())
        {
            var kind = add.Contains(userId) ? GroupRoleChangeKind.Add : GroupRoleChangeKind.Remove;
            var user = await session.Users.FindAsync(client.Caller.CompanyId, userId, forUpdate: true, ct);
            if (user is null || user.ScimRemoved || !await VisibleAsync(session, client, user, ct))
            {
                if (kind == GroupRoleChangeKind.Remove) continue;
                throw new ValidationFailedException([$"members: no user with id {userId}"]);
            }
            if (user.GroupRoles.Contains(role) == (kind == GroupRoleChangeKind.Add)) continue;
            try
            {
                await roles.ApplyAsync(session, client.Caller, userId, [new GroupRoleChange(0, kind, role)], [], null, commit: false, ct);
            }
            catch (ValidationFailedException e)
            {
                throw new ValidationFailedException(e.Problems.Select(p => $"members: user {user.Profile.Username}: {p}").ToList());
            }
            changed = true;
        }
        return changed;
    }

    private static async Task<bool> VisibleAsync(IStorageSession session, ScimClient client, UserAccount user, CancellationToken ct) =>
        Reach.Of(client.Caller, await session.Groups.LoadTreeAsync(client.Caller.CompanyId, ct)).CanReadUser(user.GroupRoles);
}
