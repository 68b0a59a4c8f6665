namespace FleetUsers.Application.Ports;

/// <summary>
/// The database, as the application needs it: sessions (each one connection and, for writes,
/// one transaction), its schema brought up to date, and what a failure of it means. One engine
/// implements it at a time (FleetUsers.Storage: SQLite or PostgreSQL), chosen by configuration.
/// </summary>
public interface IDatabase
{
    /// <summary>The engine, as messages name it: SQLite, PostgreSQL.</summary>
    string Name { get; }

    /// <summary>
    /// The directory of the database's file, for an engine that keeps the database in a local file
    /// (the signing key and a generated password may be kept beside it); null for a database server.
    /// </summary>
    string? LocalDirectory { get; }

    /// <summary>
    /// A write session is a transaction that takes the write lock at once (or locks the rows it
    /// reads for update), so read-check-write sequences cannot interleave. A read session runs
    /// each statement on its own: no transaction round trips on the hot read paths.
    /// </summary>
    Task<IStorageSession> BeginAsync(bool write, CancellationToken ct);

    /// <summary>A read session whose statements all see one snapshot (a page, its roles and its count; an export's pages).</summary>
    Task<IStorageSession> BeginSnapshotAsync(CancellationToken ct);

    /// <summary>Applies every migration not yet applied; safe on every start-up, and with several instances starting at once.</summary>
    void Migrate();

    /// <summary>How long a bulk writer (an import) pauses between two of its transactions so other writers get their turn.</summary>
    TimeSpan PauseBetweenBatches { get; }

    /// <summary>True when the database answers a trivial query: readiness.</summary>
    Task<bool> PingAsync(CancellationToken ct);

    /// <summary>The failure says the database is out of reach or busy (try again later: 503), not a bug (500).</summary>
    bool IsUnavailable(Exception exception);

    /// <summary>The failure says the connection was lost (refused, broken, shut down): pooled connections are likely dead too.</summary>
    bool IsConnectionLost(Exception exception);

    /// <summary>Drops pooled connections after the connection was lost, so the service recovers without a restart.</summary>
    void ForgetPooledConnections();
}
