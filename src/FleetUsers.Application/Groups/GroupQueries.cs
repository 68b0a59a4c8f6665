using FleetUsers.Domain.Groups;

namespace FleetUsers.Application.Groups;

/// <summary>A group with what clients see derived from the tree.</summary>
public sealed record GroupDetails(Group Group, Guid RootGroupId, string FullPath, string FullPathId, int Level)
{
    public static GroupDetails From(Group group, GroupTree tree) =>
        new(group, tree.Root?.Id ?? group.Id, tree.FullPath(group.Id), tree.FullPathId(group.Id), tree.Level(group.Id));
}

public sealed record GroupPage(IReadOnlyList<GroupDetails> Groups, int Total, int Limit, int Offset);

/// <summary>What a group list is ordered by; ties are broken by fullPath, then id.</summary>
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

    /// <summary>Orders, then pages, the selected groups.</summary>
    public GroupPage Page(IEnumerable<GroupDetails> groups)
    {
        var ordered = Order(groups).ToList();
        return new GroupPage(ordered.Skip(Offset).Take(Limit).ToList(), ordered.Count, Limit, Offset);
    }

    private IEnumerable<GroupDetails> Order(IEnumerable<GroupDetails> groups)
    {
        IOrderedEnumerable<GroupDetails> ordered = Sort switch
        {
            GroupSort.Name => Descending
                ? groups.OrderByDescending(g => g.Group.Name, StringComparer.OrdinalIgnoreCase)
                : groups.OrderBy(g => g.Group.Name, StringComparer.OrdinalIgnoreCase),
            GroupSort.CreatedDate => Descending ? groups.OrderByDescending(g => g.Group.CreatedDate) : groups.OrderBy(g => g.Group.CreatedDate),
            GroupSort.UpdatedDate => Descending ? groups.OrderByDescending(g => g.Group.UpdatedDate) : groups.OrderBy(g => g.Group.UpdatedDate),
            _ => Descending
                ? groups.OrderByDescending(g => g.FullPath, StringComparer.OrdinalIgnoreCase)
                : groups.OrderBy(g => g.FullPath, StringComparer.OrdinalIgnoreCase),
        };
        return Descending
            ? ordered.ThenByDescending(g => g.FullPath, StringComparer.OrdinalIgnoreCase).ThenByDescending(g => g.Group.Id)
            : ordered.ThenBy(g => g.FullPath, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Group.Id);
    }
}
