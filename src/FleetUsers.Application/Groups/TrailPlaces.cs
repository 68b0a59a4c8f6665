using FleetUsers.Domain.Groups;
using FleetUsers.Application.Ports;

namespace FleetUsers.Application.Groups;

/// <summary>
/// Where the groups of a trail are: a group of the tree where it is now, a deleted one where it
/// was when deleted (under its parent then, itself perhaps deleted later, up to a group that is
/// still there). A deleted group whose line leads nowhere known belongs to no one's reach.
/// </summary>
internal sealed class TrailPlaces(GroupTree tree, IReadOnlyList<DeletedGroup> deleted)
{
    private readonly Dictionary<Guid, Guid?> _parentWhenDeleted = deleted
        .GroupBy(d => d.GroupId).ToDictionary(g => g.Key, g => g.First().ParentId);

    /// <summary>The given groups, every group of the tree below them, and every deleted group that was below them.</summary>
    public HashSet<Guid> Below(IEnumerable<Guid> tops)
    {
        var places = new HashSet<Guid>();
        foreach (var top in tops)
        {
            if (tree.Contains(top))
            {
                places.UnionWith(tree.Subtree(top).Select(g => g.Id));
            }
            else
            {
                places.Add(top);
            }
        }
        places.UnionWith(_parentWhenDeleted.Keys.Where(id => LeadsInto(id, places)).ToList());
        return places;
    }

    public HashSet<Guid> Below(Guid top) => Below([top]);

    private bool LeadsInto(Guid deletedId, HashSet<Guid> places)
    {
        Guid? current = deletedId;
        for (var guard = _parentWhenDeleted.Count + 1; current is { } id && guard > 0; guard--)
        {
            if (places.Contains(id))
            {
                return true;
            }
            // A group still in the tree and not among the places is not below them; its line stops here.
            current = tree.Contains(id) ? null : _parentWhenDeleted.GetValueOrDefault(id);
        }
        return false;
    }
}
