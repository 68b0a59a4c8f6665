using FleetUsers.Domain.Groups;

namespace FleetUsers.Application.Groups;

/// <summary>A group with what clients see derived from the tree.</summary>
public sealed record GroupDetails(Group Group, Guid RootGroupId, string FullPath, string FullPathId, int Level)
{
    public static GroupDetails From(Group group, GroupTree tree) =>
        new(group, tree.Root?.Id ?? group.Id, tree.FullPath(group.Id), tree.FullPathId(group.Id), tree.Level(group.Id));
}

public sealed record GroupPage(IReadOnlyList<GroupDetails> Groups, int Total, int Limit, int Offset);

/// <summary>What a group list is ordered by; ties are broken by tree order (fullPath, name by name), then id.</summary>
public enum GroupSort
{
    FullPath,
    Name,
    CreatedDate,
    UpdatedDate,
}

/// <summary>The query of GET /v1/groups and GET /v1/groups/{id}/descendants after its parameters were read.</summary>
public sealed record GroupListQuery
{
    public const int MaxLimit = 10_000;

    /// <summary>Only these groups (and, with <see cref="IncludeSubgroups"/>, every group below them).</summary>
    public IReadOnlyList<Guid> GroupIds { get; init; } = [];

    public bool IncludeSubgroups { get; init; }

    public GroupSort Sort { get; init; } = GroupSort.FullPath;

    public bool Descending { get; init; }

    public int Limit { get; init; } = MaxLimit;

    public int Offset { get; init; }

    /// <summary>
    /// Orders, then pages, the selected groups; only the page gets its paths built (a page of 10,000
    /// groups at the deepest level is what an answer may cost, never every group of the company).
    /// </summary>
    public GroupPage Page(IEnumerable<Group> groups, GroupTree tree)
    {
        var ordered = Order(groups, new TreeOrder(tree)).ToList();
        var page = ordered.Skip(Offset).Take(Limit).Select(g => GroupDetails.From(g, tree)).ToList();
        return new GroupPage(page, ordered.Count, Limit, Offset);
    }

    private IEnumerable<Group> Order(IEnumerable<Group> groups, TreeOrder treeOrder)
    {
        var ordered = Sort switch
        {
            GroupSort.Name => Descending
                ? groups.OrderByDescending(g => g.Name, StringComparer.OrdinalIgnoreCase)
                : groups.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase),
            GroupSort.CreatedDate => Descending ? groups.OrderByDescending(g => g.CreatedDate) : groups.OrderBy(g => g.CreatedDate),
            GroupSort.UpdatedDate => Descending ? groups.OrderByDescending(g => g.UpdatedDate) : groups.OrderBy(g => g.UpdatedDate),
            _ => Descending ? groups.OrderByDescending(g => g, treeOrder) : groups.OrderBy(g => g, treeOrder),
        };
        return Descending ? ordered.ThenByDescending(g => g, treeOrder) : ordered.ThenBy(g => g, treeOrder);
    }
}
