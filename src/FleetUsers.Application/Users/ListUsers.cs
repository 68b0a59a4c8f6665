using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Application.Users;

/// <summary>GET /v1/users: the users the caller may read, filtered and paged, in one snapshot (the page, its roles and the count agree).</summary>
public sealed class ListUsers(IDatabase database)
{
    public async Task<UserPage> ExecuteAsync(Caller caller, UserListQuery query, CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        return await ListAsync(session, await session.Groups.LoadTreeAsync(caller.CompanyId, ct), caller, query, ct);
    }

    /// <summary>The same, in the caller's session, over the tree it has read.</summary>
    public static async Task<UserPage> ListAsync(IStorageSession session, GroupTree tree, Caller caller, UserListQuery query,
        CancellationToken ct)
    {
        var reach = Reach.Of(caller, tree);
        var unknown = query.GroupIds.Where(id => !tree.Contains(id)).Select(id => $"groupId {id} was not found").ToList();
        if (unknown.Count > 0)
        {
            throw new NotFoundException(unknown);
        }
        var inGroups = query.GroupIds.Count == 0 ? null
            : query.IncludeSubGroups ? query.GroupIds.SelectMany(tree.Subtree).Select(g => g.Id).ToHashSet()
            : query.GroupIds.ToHashSet();
        if (!reach.ReadsWholeCompany && reach.ReadableGroups.Count == 0)
        {
            return new UserPage([], 0, query.Limit, query.Offset);
        }
        var (total, page) = await session.Users.ListAsync(new UserListFilter
        {
            CompanyId = caller.CompanyId,
            InGroups = inGroups,
            RoleIds = query.RoleIds,
            ReadableGroups = reach.ReadsWholeCompany ? null : reach.ReadableGroups.ToList(),
            Statuses = query.Statuses,
            LoginEnabled = query.LoginEnabled,
            SearchText = query.SearchText,
            Limit = query.Limit,
            Offset = query.Offset,
            Descending = query.Descending,
            Scim = query.Scim,
        }, ct);
        return new UserPage(page.Select(u => UserDetails.From(u, tree)).ToList(), total, query.Limit, query.Offset);
    }
}
