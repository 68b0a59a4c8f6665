using FleetUsers.Application.Ports;

namespace FleetUsers.Application.Retention;

/// <summary>
/// Deletes in short write transactions of at most <see cref="Batch"/> rows, pausing between them, so a purge
/// of millions of rows never holds writers up for longer than one batch (on SQLite, one writer at a time).
/// </summary>
public static class BatchedDelete
{
    public const int Batch = 5_000;

    /// <summary>Runs <paramref name="deleteBatch"/> (at most <see cref="Batch"/> rows each) until a batch deletes fewer; the total.</summary>
    public static async Task<int> RunAsync(IDatabase database, Func<IStorageSession, Task<int>> deleteBatch, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            int deleted;
            await using (var session = await database.BeginAsync(write: true, ct))
            {
                deleted = await deleteBatch(session);
                await session.CommitAsync(ct);
            }
            total += deleted;
            if (deleted < Batch)
            {
                return total;
            }
            await Task.Delay(database.PauseBetweenBatches, ct);
        }
    }
}
