using System.Data;
using System.Data.Common;
using FleetUsers.Application;
using FleetUsers.Storage.Engine;
using Npgsql;

namespace FleetUsers.Storage.Postgres;

/// <summary>Connections to the PostgreSQL server: one pooled data source, its few statements prepared once per connection.</summary>
public sealed class PostgresConnections : Connections
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresConnections(StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new StartupException(
                "Storage:Provider is Postgres but ConnectionStrings:Users is not set: set ConnectionStrings__Users to Host=...;Database=...;Username=...;Password=...");
        }
        var builder = ConnectionStrings.Parse(() => new NpgsqlConnectionStringBuilder(options.ConnectionString), "PostgreSQL");
        builder.CommandTimeout = options.CommandTimeoutSeconds;
        if (builder.Timeout > options.CommandTimeoutSeconds)
        {
            builder.Timeout = options.CommandTimeoutSeconds;
        }
        // The statements are few and fixed: prepare them once per connection, and keep them
        // across pool returns (the default reset, DISCARD ALL, drops them). The service never
        // changes session state (its advisory locks, the migration's too, are transactions').
        // Both measured in bench/README.md; a connection string that sets them wins.
        var given = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        ConnectionString = builder.ToString();
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    internal string ConnectionString { get; }

    public override async Task<DbConnection> OpenAsync(bool write, CancellationToken ct) =>
        await _dataSource.OpenConnectionAsync(ct);

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        // Read committed; writers lock the user row they change (SELECT ... FOR UPDATE).
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);

    public override async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct) =>
        // Repeatable read: every statement sees the snapshot taken by the first; readers take no locks.
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

    public override void ForgetPooled() => _dataSource.Clear();

    /// <summary>Closes the pool's idle connections: a data source is not in Npgsql's pool manager, so nothing else would.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dataSource.Dispose();
        }
    }

    /// <summary>The first connection a start makes: when it fails, start-up says why in one line.</summary>
    internal NpgsqlConnection OpenForMigration(PostgresErrors errors)
    {
        try
        {
            return _dataSource.OpenConnection();
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("28", StringComparison.Ordinal))
        {
            throw new StartupException($"PostgreSQL refused the login ({e.MessageText}): set Username and Password in ConnectionStrings__Users", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new StartupException($"{e.MessageText}: create it, or set Database in ConnectionStrings__Users", e);
        }
        catch (Exception e) when (errors.IsUnavailable(e))
        {
            var server = new NpgsqlConnectionStringBuilder(ConnectionString);
            throw new StartupException(
                $"cannot reach PostgreSQL at {server.Host}:{server.Port} ({Innermost(e).Message.TrimEnd('.')}): check Host and Port in ConnectionStrings__Users and that the server is running", e);
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
