using System.Data;
using System.Data.Common;
using Dapper;
using DbUp;
using DbUp.Engine.Output;
using Npgsql;

namespace FleetUsers.Storage;

/// <summary>The production store: PostgreSQL through Npgsql, shared by any number of instances.</summary>
public sealed class PostgresDatabase : Database
{
    // Any constant will do: every instance migrating at once waits on the same advisory lock.
    public const long MigrationLockKey = 0x466C656574557372;

    /// <summary>A command timeout of 0: Npgsql waits as long as the statement takes.</summary>
    private const int NoTimeLimit = 0;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;

    public PostgresDatabase(StorageOptions options) : base(options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new StartupException(
                "Storage:Provider is Postgres but ConnectionStrings:Users is not set: set ConnectionStrings__Users to Host=...;Database=...;Username=...;Password=...");
        }
        var builder = ParseConnectionString(() => new NpgsqlConnectionStringBuilder(options.ConnectionString), "PostgreSQL");
        builder.CommandTimeout = options.CommandTimeoutSeconds;
        if (builder.Timeout > options.CommandTimeoutSeconds)
        {
            builder.Timeout = options.CommandTimeoutSeconds;
        }
        // The statements are few and fixed: prepare them once per connection, and keep them
        // across pool returns (the default reset, DISCARD ALL, drops them). The service never
        // changes session state, and the migration lock is released before its connection is.
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
        _connectionString = builder.ToString();
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override StorageProvider Provider => StorageProvider.Postgres;

    /// <summary>
    /// Migrates under an advisory lock, so instances starting together take turns. Neither the
    /// wait for the lock nor a migration's statements have a time limit: an instance starting
    /// while another runs a long migration waits for it instead of failing its start.
    /// </summary>
    public override void Migrate()
    {
        using var connection = OpenForMigration();
        connection.Execute(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = MigrationLockKey }, commandTimeout: NoTimeLimit));
        try
        {
            var migrations = new NpgsqlConnectionStringBuilder(_connectionString) { CommandTimeout = NoTimeLimit };
            ApplyMigrations(DeployChanges.To.PostgresqlDatabase(migrations.ToString()).JournalToPostgresqlTable("public", "schema_versions"), "Postgres");
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@key)", new { key = MigrationLockKey });
        }
    }

    /// <summary>The first connection a start makes: when it fails, start-up says why in one line.</summary>
    private NpgsqlConnection OpenForMigration()
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
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            var server = new NpgsqlConnectionStringBuilder(_connectionString);
            throw new StartupException(
                $"cannot reach PostgreSQL at {server.Host}:{server.Port} ({Innermost(e).Message.TrimEnd('.')}): check Host and Port in ConnectionStrings__Users and that the server is running", e);
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    protected override async Task<DbConnection> OpenConnectionAsync(bool write, CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // Read committed; writers lock the user row they change (SELECT ... FOR UPDATE).
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    protected override async Task<DbTransaction> BeginSnapshotTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // Repeatable read: every statement sees the snapshot taken by the first; readers take no locks.
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    internal override Task LockAsync(StorageSession session, long key, CancellationToken cancellationToken) =>
        session.Connection.ExecuteAsync(session.Command("SELECT pg_advisory_xact_lock(@key)", new { key }, cancellationToken));

    public override void ForgetPooledConnections() => _dataSource.Clear();

    internal override string ForUpdate => " FOR UPDATE OF u";

    internal override string ForNoKeyUpdate => " FOR NO KEY UPDATE";

    internal override string IsOneOf(string column, string parameter) => $"{column} = ANY({parameter})";

    internal override object ListOf(IEnumerable<Guid> ids) => ids.ToArray();

    internal override object ListOf<T>(IEnumerable<T> values) => values.ToArray();

    internal override string? UniqueIndexViolated(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } e ? e.ConstraintName ?? e.Message : null;

    internal override bool ForeignKeyViolated(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };
}
