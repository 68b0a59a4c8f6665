using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;

namespace FleetUsers.Application.Events;

/// <summary>One page of the feed: the events as JSON texts, and the cursor to ask for the next page with.</summary>
public sealed record EventPage(IReadOnlyList<StoredEvent> Events, Guid? Next, int Limit);

/// <summary>
/// The change feed of a company: every event, in feed order, after a cursor. Only for a caller that
/// may see every change of the company: Administrator at its root group, a user or an API client
/// given that role there. Other callers get 403; other companies' events are never in reach.
/// </summary>
public sealed class EventFeed(IDatabase database)
{
    public async Task<EventPage> ReadAsync(Caller caller, Guid? after, IReadOnlyCollection<string>? types, int limit, CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        await FeedReaders.RequireAsync(session, caller, ct);
        var events = await session.Events.ReadAsync(caller.CompanyId, after, types, limit, ct)
            ?? throw new ValidationFailedException(["after is not the id of an event of this feed (unknown, or older than the retention period)"]);
        return new EventPage(events, events.Count > 0 ? events[^1].Id : after, limit);
    }
}
