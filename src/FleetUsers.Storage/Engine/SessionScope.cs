using System.Data.Common;

namespace FleetUsers.Storage.Engine;

/// <summary>
/// What a session works in — a connection and, for writes and snapshots, a transaction — and how
/// it ends: <see cref="CommitAsync"/> returns once its writes are durable; disposing without it
/// takes them back.
/// </summary>
public abstract class SessionScope : IAsyncDisposable
{
    public abstract DbConnection Connection { get; }

    /// <summary>The transaction a command must carry; null in a plain read session, whose statements run on their own.</summary>
    public abstract DbTransaction? Transaction { get; }

    public abstract Task CommitAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// A connection of the session's own, with a transaction of its own (or none), both ended with the session: the
/// connection closed, or given to <paramref name="release"/> (a pool of the engine's own).
/// </summary>
public sealed class OwnConnectionScope(DbConnection connection, DbTransaction? transaction, Func<DbConnection, ValueTask>? release = null)
    : SessionScope
{
    private int _ended;

    public override DbConnection Connection => connection;

    public override DbTransaction? Transaction => transaction;

    public override async Task CommitAsync(CancellationToken ct)
    {
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return; // a second end would give the connection to the pool twice
        }
        try
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
        finally
        {
            await (release is null ? connection.DisposeAsync() : release(connection));
        }
    }
}
