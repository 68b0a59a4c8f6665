using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;
using FleetUsers.Application.Ports;

namespace FleetUsers.Application.Groups;

/// <summary>The query of GET /v1/groups/auditLogs after its parameters were read and its window settled.</summary>
public sealed record GroupAuditQuery
{
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public Guid? UserId { get; init; }
    public string? Username { get; init; }
    public Guid? GroupId { get; init; }
    public bool IncludeSubgroups { get; init; }
    public string? Action { get; init; }
    public GroupAuditSort Sort { get; init; } = GroupAuditSort.UpdatedDate;
    public bool Descending { get; init; } = true;
    public int Limit { get; init; } = 100;
    public int Offset { get; init; }
}

/// <summary>An entry of the group trail with its actor as the caller may see it: the user, when the caller may read that user.</summary>
public sealed record GroupAuditRecord(GroupAuditEntry Entry, Guid ActorId, UserProfile? ReadableActor);

public sealed record GroupAuditPage(IReadOnlyList<GroupAuditRecord> Entries, int Total, int Limit, int Offset);

/// <summary>
/// Reading the company's group trail. A caller sees the entries of the groups it can reach now
/// (a deleted group where it was when deleted), and of each actor only the id, unless it may read
/// that user.
/// </summary>
public sealed class ListGroupTrail(IDatabase database)
{
    public async Task<GroupAuditPage> ExecuteAsync(Caller caller, GroupAuditQuery query, CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var reach = Reach.Of(caller, tree);
        if (query.GroupId is { } asked && tree.Contains(asked) && !reach.VisibleGroups.Contains(asked))
        {
            throw new ForbiddenException();
        }
        var deleted = await session.GroupAudit.DeletedSinceAsync(caller.CompanyId, query.From, ct);
        var places = new TrailPlaces(tree, deleted);
        var groups = Selected(query, places, reach, tree);
        var actorId = query.UserId ?? await ReadableUserIdAsync(session, caller, reach, query.Username, ct);
        if ((query.Username is not null && actorId is null) || groups is { Count: 0 })
        {
            return new GroupAuditPage([], 0, query.Limit, query.Offset);
        }
        var (total, entries) = await session.GroupAudit.ListAsync(new GroupAuditFilter
        {
            CompanyId = caller.CompanyId,
            From = query.From,
            To = query.To,
            GroupIds = groups,
            ActorId = actorId,
            Action = query.Action,
            Sort = query.Sort,
            Descending = query.Descending,
            Limit = query.Limit,
            Offset = query.Offset,
        }, ct);
        var actors = await ReadableActorsAsync(session, caller, reach, entries, ct);
        var records = entries.Select(e =>
        {
            var id = Guid.TryParse(e.Actor.Id, out var parsed) ? parsed : Guid.Empty;
            return new GroupAuditRecord(e, id, e.Actor.Type == AuditActor.UserType ? actors.GetValueOrDefault(id) : null);
        }).ToList();
        return new GroupAuditPage(records, total, query.Limit, query.Offset);
    }

    /// <summary>The groups whose entries may be listed: null for every group of the company (the caller sees the root).</summary>
    private static HashSet<Guid>? Selected(GroupAuditQuery query, TrailPlaces places, Reach reach, GroupTree tree)
    {
        var seesAll = tree.Root is { } root && reach.VisibleGroups.Contains(root.Id);
        HashSet<Guid>? asked = query.GroupId is not { } groupId ? null
            : query.IncludeSubgroups ? places.Below(groupId)
            : [groupId];
        if (seesAll)
        {
            return asked;
        }
        var visible = places.Below(reach.VisibleGroups);
        return asked is null ? visible : [.. asked.Where(visible.Contains)];
    }

    /// <summary>The id of the user of that username, if the caller may read it; a name it may not read matches nothing.</summary>
    private static async Task<Guid?> ReadableUserIdAsync(IStorageSession session, Caller caller, Reach reach, string? username, CancellationToken ct)
    {
        if (username is null)
        {
            return null;
        }
        var user = await session.Users.FindByUsernameAsync(caller.CompanyId, username, ct);
        return user is not null && reach.CanReadUser(user.GroupRoles) ? user.Id : null;
    }

    private static async Task<Dictionary<Guid, UserProfile>> ReadableActorsAsync(
        IStorageSession session, Caller caller, Reach reach, IReadOnlyList<GroupAuditEntry> entries, CancellationToken ct)
    {
        var ids = entries.Where(e => e.Actor.Type == AuditActor.UserType)
            .Select(e => Guid.TryParse(e.Actor.Id, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).Distinct().ToList();
        var readable = new Dictionary<Guid, UserProfile>();
        foreach (var id in ids)
        {
            if (await session.Users.FindAsync(caller.CompanyId, id, forUpdate: false, ct) is { } user && reach.CanReadUser(user.GroupRoles))
            {
                readable[id] = user.Profile;
            }
        }
        return readable;
    }
}
