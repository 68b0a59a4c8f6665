using FleetUsers.Application.Ports;
using FleetUsers.Application.Retention;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Events;

/// <summary>
/// Deletes the events older than the retention period, and the webhooks' delivery log entries about them
/// (one per event and endpoint: as many as the events), in short transactions so writers are not held up.
/// </summary>
public sealed class EventRetention(IDatabase database, IOptions<EventOptions> options, TimeProvider clock) : IRetention
{
    public string Name => "events and delivery log entries";

    public TimeSpan Interval => TimeSpan.FromMinutes(options.Value.CleanupIntervalMinutes);

    /// <summary>How many events and delivery log entries it deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        return await BatchedDelete.RunAsync(database, session => session.Events.DeleteOlderThanAsync(before, BatchedDelete.Batch, ct), ct)
            + await BatchedDelete.RunAsync(database, session => session.Webhooks.DeleteLogOlderThanAsync(before, BatchedDelete.Batch, ct), ct);
    }
}
