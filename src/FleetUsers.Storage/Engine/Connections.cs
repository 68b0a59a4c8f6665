using System.Data.Common;

namespace FleetUsers.Storage.Engine;

/// <summary>
/// An engine's connections and transactions: how to open one, begin a write or a snapshot, and take a
/// writer's turn. Disposed with the database, so a pool of its own closes its idle connections.
/// </summary>
public abstract class Connections : IDisposable
{
    /// <summary>An open connection, for writing (in a write session) or reading.</summary>
    public abstract Task<DbConnection> OpenAsync(bool write, CancellationToken ct);

    /// <summary>A connection for a read session, given back with <see cref="ReleaseReaderAsync"/>: by default a new one.</summary>
    public virtual Task<DbConnection> OpenReaderAsync(CancellationToken ct) => OpenAsync(write: false, ct);

    /// <summary>A read session's connection, once it ended: by default closed (into the driver's pool).</summary>
    public virtual ValueTask ReleaseReaderAsync(DbConnection connection) => connection.DisposeAsync();

    /// <summary>A transaction that writes: it takes the write lock at once, or locks the rows it reads for update.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct);

    /// <summary>A transaction that takes no lock and writes nothing, whose statements all see one snapshot.</summary>
    public abstract Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct);

    /// <summary>
    /// A write session: by default a connection of its own with a write transaction
    /// (<see cref="BeginWriteAsync"/>); an engine with one writer at a time queues them its own way.
    /// </summary>
    public virtual async Task<SessionScope> BeginWriteSessionAsync(CancellationToken ct)
    {
        var connection = await OpenAsync(write: true, ct);
        try
        {
            return new OwnConnectionScope(connection, await BeginWriteAsync(connection, ct));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>How long a bulk writer pauses between two of its transactions, so other writers get their turn.</summary>
    public virtual TimeSpan PauseBetweenBatches => TimeSpan.Zero;

    /// <summary>The directory of the database's file, for an engine that keeps it in a local file.</summary>
    public virtual string? LocalDirectory => null;

    /// <summary>Drops pooled connections, which may be dead after the connection was lost.</summary>
    public virtual void ForgetPooled()
    {
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
