using FleetUsers.Application.Changes;

namespace FleetUsers.Application.Ports;

/// <summary>
/// The outbox of change events: appended in the change's own transaction, read in feed order
/// (<see cref="ReadAsync"/>), deleted only when older than the retention period.
/// </summary>
public interface IEventStore
{
    Task AppendAsync(ChangeEvent change, CancellationToken ct);

    Task AppendManyAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken ct);

    /// <summary>Keeps an import's events aside, out of the feed, until <see cref="ReleaseStagedAsync"/> (in the import's final write).</summary>
    Task StageAsync(Guid importId, IReadOnlyList<ChangeEvent> changes, CancellationToken ct);

    /// <summary>Appends every event staged for the import, in the order staged, with one statement; how many.</summary>
    Task<int> ReleaseStagedAsync(Guid importId, CancellationToken ct);

    /// <summary>Deletes up to <paramref name="limit"/> staged events of the import (released or never to be); how many were deleted.</summary>
    Task<int> RemoveStagedAsync(Guid importId, int limit, CancellationToken ct);

    /// <summary>Imports that committed (their events are in the feed) whose staged copies are still kept: their process died, or lost the database, right after the final write.</summary>
    Task<IReadOnlyList<Guid>> CommittedImportsWithStagedEventsAsync(CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="limit"/> events of the company after the event <paramref name="after"/>
    /// (null: from the oldest kept), of the given types (null: any), in feed order, as their JSON texts;
    /// only events no transaction still running could come before. Null when <paramref name="after"/>
    /// is not an event of the company (any more).
    /// </summary>
    Task<IReadOnlyList<StoredEvent>?> ReadAsync(Guid companyId, Guid? after, IReadOnlyCollection<string>? types, int limit,
        CancellationToken ct);

    /// <summary>Deletes up to <paramref name="batch"/> events that occurred before <paramref name="before"/>; how many it deleted.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct);
}

/// <summary>An event as kept: its id (the feed's cursor) and its JSON text.</summary>
public sealed record StoredEvent(Guid Id, string Body);
