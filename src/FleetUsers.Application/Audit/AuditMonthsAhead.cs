using FleetUsers.Application.Ports;

namespace FleetUsers.Application.Audit;

/// <summary>
/// Gives the coming months of the user trail their partitions (PostgreSQL) before entries arrive: at start-up and
/// on every retention round. Several instances may do it at once; the store makes them take turns.
/// </summary>
public static class AuditMonthsAhead
{
    /// <summary>False when the trail was too busy to add a partition within a moment's wait: the next round tries again.</summary>
    public static async Task<bool> PrepareAsync(IDatabase database, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: true, ct);
        var prepared = await session.Audit.PrepareMonthsAsync(now, ct);
        await session.CommitAsync(ct);
        return prepared;
    }
}
