using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;

namespace FleetUsers.Application.Groups;

/// <summary>GET /v1/groups: the groups the caller can reach, in tree order unless sorted otherwise; ids of no group of the company answer 404.</summary>
public sealed class ListGroups(IDatabase database)
{
    public async Task<GroupPage> ExecuteAsync(Caller caller, GroupListQuery query, CancellationToken ct)
    {
        var tree = await GroupChecks.LoadTreeAsync(database, caller, ct);
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
}
