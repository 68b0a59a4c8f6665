using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Storage;

namespace FleetUsers.Application.Groups;

/// <summary>A group with what clients see derived from the tree.</summary>
public sealed record GroupDetails(Group Group, Guid RootGroupId, string FullPath, string FullPathId, int Level)
{
    public static GroupDetails From(Group group, GroupTree tree) =>
        new(group, tree.Root?.Id ?? group.Id, tree.FullPath(group.Id), tree.FullPathId(group.Id), tree.Level(group.Id));
}

public sealed record GroupPage(IReadOnlyList<GroupDetails> Groups, int Total, int Limit, int Offset);

/// <summary>Reading groups: a caller sees the groups it holds any role in, and every group below them.</summary>
public sealed class GroupService(Database database)
{
    public async Task<GroupPage> ListAsync(Caller caller, int limit, int offset, CancellationToken ct)
    {
        var tree = await LoadTreeAsync(caller, ct);
        var visible = Reach.Of(caller, tree).VisibleGroups;
        var groups = tree.Groups
            .Where(g => visible.Contains(g.Id))
            .Select(g => GroupDetails.From(g, tree))
            .OrderBy(g => g.FullPath, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Group.Id)
            .ToList();
        return new GroupPage(groups.Skip(offset).Take(limit).ToList(), groups.Count, limit, offset);
    }

    public async Task<GroupDetails> GetAsync(Caller caller, Guid groupId, CancellationToken ct)
    {
        var tree = await LoadTreeAsync(caller, ct);
        var group = tree.Find(groupId) ?? throw new NotFoundException($"No group with id {groupId}");
        return Reach.Of(caller, tree).VisibleGroups.Contains(groupId)
            ? GroupDetails.From(group, tree)
            : throw new ForbiddenException();
    }

    private async Task<GroupTree> LoadTreeAsync(Caller caller, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        return await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
    }
}
