using FleetUsers.Application.Ports;
using FleetUsers.Application.Retention;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Events;

/// <summary>Deletes the events older than the retention period, in short transactions so writers are not held up.</summary>
public sealed class EventRetention(IDatabase database, IOptions<EventOptions> options, TimeProvider clock) : IRetention
{
    public string Name => "events";

    public TimeSpan Interval => TimeSpan.FromMinutes(options.Value.CleanupIntervalMinutes);

    /// <summary>How many events it deleted.</summary>
    public Task<int> PurgeAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        return BatchedDelete.RunAsync(database, session => session.Events.DeleteOlderThanAsync(before, BatchedDelete.Batch, ct), ct);
    }
}
