using FleetUsers.Domain.Audit;

namespace FleetUsers.Application.Ports;

/// <summary>The users' audit trail: append an entry, read a user's entries. Nothing updates them; only retention deletes them.</summary>
public interface IAuditStore
{
    Task AppendAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>The entries of one batch of an import, marked with the import.</summary>
    Task AppendManyAsync(IEnumerable<AuditEntry> entries, Guid importId, CancellationToken ct);

    /// <summary>One page of the entries about a user (or, without one, about anyone of the company), newest first, and how many there are.</summary>
    Task<(int Total, IReadOnlyList<AuditEntry> Page)> ListAsync(Guid companyId, Guid? userId, int limit, int offset, CancellationToken ct);

    /// <summary>Deletes up to <paramref name="batch"/> of the oldest entries written before <paramref name="before"/> (retention); how many.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct);

    /// <summary>
    /// Where the trail is kept in monthly partitions (PostgreSQL): makes sure the month of <paramref name="now"/> and the
    /// next two have theirs, taking turns with other instances. Nothing where the trail is one table. False when the
    /// trail was too busy to add one within a moment's wait (nothing was done; the next retention round tries again).
    /// </summary>
    Task<bool> PrepareMonthsAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Where the trail is kept in monthly partitions (PostgreSQL): takes every month that ended by <paramref name="before"/>
    /// out of the trail whole (retention; a catalog change); about how many entries went (the table statistics' count).
    /// 0 where the trail is one table. <see cref="DropDetachedMonthsAsync"/>, in a transaction of its own, removes them.
    /// </summary>
    Task<long> DetachMonthsBeforeAsync(DateTimeOffset before, CancellationToken ct);

    /// <summary>Drops the months taken out of the trail (their files go; the trail is not locked meanwhile).</summary>
    Task DropDetachedMonthsAsync(CancellationToken ct);
}

/// <summary>The companies' group trail: append entries, read a window of entries. Nothing updates them; only retention deletes them.</summary>
public interface IGroupAuditStore
{
    Task AppendManyAsync(IReadOnlyList<GroupAuditEntry> entries, CancellationToken ct);

    /// <summary>One page of the entries the filter selects, and how many it selects in all.</summary>
    Task<(int Total, IReadOnlyList<GroupAuditEntry> Page)> ListAsync(GroupAuditFilter filter, CancellationToken ct);

    /// <summary>The groups of the company deleted since <paramref name="since"/>, with the parent each had.</summary>
    Task<IReadOnlyList<DeletedGroup>> DeletedSinceAsync(Guid companyId, DateTimeOffset since, CancellationToken ct);

    /// <summary>Deletes up to <paramref name="batch"/> of the oldest entries written before <paramref name="before"/> (retention); how many.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct);
}

/// <summary>A group that was deleted, and the parent it had then: where its entries sit in the tree.</summary>
public sealed record DeletedGroup(Guid GroupId, Guid? ParentId);

/// <summary>What a group trail is ordered by; ties are broken by the order the entries were written.</summary>
public enum GroupAuditSort
{
    UpdatedDate,
    CreatedDate,
}

/// <summary>Which entries of one company's group trail a list returns, in a time window.</summary>
public sealed record GroupAuditFilter
{
    public required Guid CompanyId { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>Only entries about these groups; null: about any group of the company.</summary>
    public IReadOnlyCollection<Guid>? GroupIds { get; init; }

    /// <summary>Only changes made by this actor (a user's or API client's id).</summary>
    public Guid? ActorId { get; init; }

    public string? Action { get; init; }

    public GroupAuditSort Sort { get; init; } = GroupAuditSort.UpdatedDate;

    public bool Descending { get; init; } = true;

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }
}
