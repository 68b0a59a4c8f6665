using FleetUsers.Application.Ports;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Application.Groups;

/// <summary>GET /v1/groups/{id} and its descendants: 404 outside the company, 403 outside the caller's reach.</summary>
public sealed class GetGroup(IDatabase database)
{
    public async Task<GroupDetails> ExecuteAsync(Caller caller, Guid groupId, CancellationToken ct)
    {
        var tree = await GroupChecks.LoadTreeAsync(database, caller, ct);
        return GroupDetails.From(GroupChecks.RequireVisible(caller, tree, groupId), tree);
    }

    /// <summary>
    /// The ids of the groups below the group, level by level (siblings by name), down to
    /// <paramref name="depth"/> levels: 1 children only, 2 also grandchildren, 0 every level.
    /// A caller who sees a group sees every group below it.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> DescendantsAsync(Caller caller, Guid groupId, int depth, CancellationToken ct)
    {
        var tree = await GroupChecks.LoadTreeAsync(database, caller, ct);
        var level = new List<Group> { GroupChecks.RequireVisible(caller, tree, groupId) };
        var ids = new List<Guid>();
        for (var down = 1; level.Count > 0 && (depth == 0 || down <= depth); down++)
        {
            level = level.SelectMany(g => tree.Children(g.Id).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id)).ToList();
            ids.AddRange(level.Select(g => g.Id));
        }
        return ids;
    }
}
