using System.Data.Common;
using Dapper;
using FleetUsers.Application.Ports;
using FleetUsers.Storage.Engine;

namespace FleetUsers.Storage;

/// <summary>
/// The database over one engine (<see cref="StorageEngine"/>): sessions of the shared stores on the
/// engine's connections, each statement bound by the command timeout.
/// </summary>
public sealed class SqlDatabase : IDatabase, IDisposable
{
    internal SqlDatabase(StorageEngine engine, int commandTimeoutSeconds)
    {
        Engine = engine;
        CommandTimeoutSeconds = commandTimeoutSeconds;
        DapperSetup.EnsureConfigured();
    }

    private int _disposed;

    internal StorageEngine Engine { get; }

    internal SqlDialect Dialect => Engine.Dialect;

    internal ErrorSorting Errors => Engine.Errors;

    /// <summary>Group trees this process read, each served again only while its company's tree version is unchanged.</summary>
    internal GroupTreeCache Trees { get; } = new();

    public int CommandTimeoutSeconds { get; }

    public string Name => Engine.Name;

    public string? LocalDirectory => Engine.Connections.LocalDirectory;

    public TimeSpan PauseBetweenBatches => Engine.Connections.PauseBetweenBatches;

    public void Migrate() => Engine.Migrator.Migrate();

    public bool IsUnavailable(Exception exception) => Errors.IsUnavailable(exception);

    public bool IsConnectionLost(Exception exception) => Errors.IsConnectionLost(exception);

    public void ForgetPooledConnections() => Engine.Connections.ForgetPooled();

    async Task<IStorageSession> IDatabase.BeginAsync(bool write, CancellationToken ct) => await BeginAsync(write, ct);

    async Task<IStorageSession> IDatabase.BeginSnapshotAsync(CancellationToken ct) => await BeginSnapshotAsync(ct);

    /// <summary>A write session (one transaction holding the write lock) or a read session (statements on their own).</summary>
    public Task<SqlSession> BeginAsync(bool write, CancellationToken ct) => OpenSessionAsync(write, snapshot: false, ct);

    /// <summary>A read session whose statements all see one snapshot.</summary>
    public Task<SqlSession> BeginSnapshotAsync(CancellationToken ct) => OpenSessionAsync(write: false, snapshot: true, ct);

    private async Task<SqlSession> OpenSessionAsync(bool write, bool snapshot, CancellationToken ct)
    {
        var connections = Engine.Connections;
        if (write)
        {
            return new SqlSession(this, await connections.BeginWriteSessionAsync(ct));
        }
        var connection = await connections.OpenReaderAsync(ct);
        try
        {
            var transaction = snapshot ? await connections.BeginSnapshotAsync(connection, ct) : null;
            return new SqlSession(this, new OwnConnectionScope(connection, transaction, connections.ReleaseReaderAsync));
        }
        catch
        {
            await connections.ReleaseReaderAsync(connection);
            throw;
        }
    }

    public async Task<bool> PingAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var one = await connection.ExecuteScalarAsync<int>(
            new CommandDefinition("SELECT 1", commandTimeout: CommandTimeoutSeconds, cancellationToken: ct));
        return one == 1;
    }

    /// <summary>Closes the engine's pooled connections (the service container disposes the database when the host stops).</summary>
    public void Dispose()
    {
        // Registered twice (as itself and as IDatabase), so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Engine.Connections.Dispose();
        }
    }

    /// <summary>An open connection for reading, or for bulk work of the caller's own (the benchmark's seeding, tests' plain SQL).</summary>
    public Task<DbConnection> OpenAsync(CancellationToken ct) => Engine.Connections.OpenAsync(write: false, ct);
}
