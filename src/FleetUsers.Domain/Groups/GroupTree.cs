using System.Collections.Concurrent;

namespace FleetUsers.Domain.Groups;

/// <summary>
/// One company's group tree, built from its groups' parent links. Levels, paths and
/// subtrees are derived here rather than stored, so they can never go stale.
/// </summary>
public sealed class GroupTree
{
    private readonly Dictionary<Guid, Group> _groups;
    private readonly Dictionary<Guid, List<Group>> _children = [];
    // Filled as levels are asked for; concurrent, since one tree may serve many requests at once.
    private readonly ConcurrentDictionary<Guid, int> _levels = new();
    // Each group's place in tree order, worked out once per tree (a cached tree serves many lists).
    private readonly Lazy<Dictionary<Guid, int>> _treeOrder;

    public GroupTree(IEnumerable<Group> groups)
    {
        _groups = groups.ToDictionary(g => g.Id);
        foreach (var group in _groups.Values)
        {
            if (group.ParentId is { } parentId)
            {
                if (!_children.TryGetValue(parentId, out var siblings))
                {
                    _children[parentId] = siblings = [];
                }
                siblings.Add(group);
            }
        }
        Root = _groups.Values.SingleOrDefault(g => g.ParentId is null);
        _treeOrder = new Lazy<Dictionary<Guid, int>>(PlaceInTreeOrder);
    }

    public Group? Root { get; }

    /// <summary>The same tree with the given groups added, or replacing the groups of the same id.</summary>
    public GroupTree With(params IEnumerable<Group> changed)
    {
        var groups = new Dictionary<Guid, Group>(_groups);
        foreach (var group in changed)
        {
            groups[group.Id] = group;
        }
        return new GroupTree(groups.Values);
    }

    public int Count => _groups.Count;

    public IEnumerable<Group> Groups => _groups.Values;

    public bool Contains(Guid groupId) => _groups.ContainsKey(groupId);

    public Group? Find(Guid groupId) => _groups.GetValueOrDefault(groupId);

    public Group Get(Guid groupId) =>
        _groups.TryGetValue(groupId, out var group)
            ? group
            : throw new KeyNotFoundException($"Group {groupId} is not in this tree.");

    /// <summary>The root is level 1, its children level 2, and so on.</summary>
    public int Level(Guid groupId) => _levels.GetOrAdd(groupId, id => Ancestry(id).Count());

    /// <summary>The group and its ancestors, from the group up to the root.</summary>
    public IEnumerable<Group> Ancestry(Guid groupId)
    {
        var current = Find(groupId);
        var guard = _groups.Count;
        while (current is not null && guard-- >= 0)
        {
            yield return current;
            current = current.ParentId is { } parentId ? Find(parentId) : null;
        }
    }

    /// <summary>True when <paramref name="groupId"/> is <paramref name="ancestorId"/> or lies below it.</summary>
    public bool IsWithin(Guid groupId, Guid ancestorId) =>
        Ancestry(groupId).Any(g => g.Id == ancestorId);

    /// <summary>The group and every group below it.</summary>
    public IEnumerable<Group> Subtree(Guid groupId)
    {
        if (Find(groupId) is not { } start)
        {
            yield break;
        }
        var pending = new Stack<Group>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            var group = pending.Pop();
            yield return group;
            foreach (var child in _children.GetValueOrDefault(group.Id) ?? [])
            {
                pending.Push(child);
            }
        }
    }

    /// <summary>
    /// The group's place in tree order: each group right before the groups below it, siblings by name
    /// (letter case ignored), then id; the order of fullPath compared name by name.
    /// </summary>
    public int TreeIndex(Guid groupId) => _treeOrder.Value.TryGetValue(groupId, out var index) ? index : int.MaxValue;

    private Dictionary<Guid, int> PlaceInTreeOrder()
    {
        var places = new Dictionary<Guid, int>(_groups.Count);
        var pending = new Stack<Group>();
        if (Root is { } root)
        {
            pending.Push(root);
        }
        while (pending.Count > 0)
        {
            var group = pending.Pop();
            places[group.Id] = places.Count;
            var children = Children(group.Id).OrderByDescending(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenByDescending(c => c.Id);
            foreach (var child in children)
            {
                pending.Push(child);
            }
        }
        return places;
    }

    /// <summary>How many levels the group's subtree spans: 1 for a group without subgroups.</summary>
    public int Height(Guid groupId)
    {
        var level = Level(groupId);
        return Subtree(groupId).Max(g => Level(g.Id)) - level + 1;
    }

    public IReadOnlyList<Group> Children(Guid groupId) =>
        _children.GetValueOrDefault(groupId) ?? (IReadOnlyList<Group>)[];

    /// <summary>Names from the root down to the group, joined by a backslash.</summary>
    public string FullPath(Guid groupId) =>
        string.Join('\\', Ancestry(groupId).Reverse().Select(g => g.Name));

    /// <summary>Ids from the root down to the group, joined by a backslash.</summary>
    public string FullPathId(Guid groupId) =>
        string.Join('\\', Ancestry(groupId).Reverse().Select(g => g.Id));
}
