using FleetUsers.Application.Ports;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Events;

/// <summary>Deletes the events older than the retention period, in short transactions so writers are not held up.</summary>
public sealed class EventRetention(IDatabase database, IOptions<EventOptions> options, TimeProvider clock)
{
    private const int Batch = 5_000;

    /// <summary>How many events it deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        var total = 0;
        while (true)
        {
            await using var session = await database.BeginAsync(write: true, ct);
            var deleted = await session.Events.DeleteOlderThanAsync(before, Batch, ct);
            await session.CommitAsync(ct);
            total += deleted;
            if (deleted < Batch)
            {
                return total;
            }
            await Task.Delay(database.PauseBetweenBatches, ct);
        }
    }
}
