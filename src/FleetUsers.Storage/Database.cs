using System.Data.Common;
using Dapper;
using DbUp.Builder;
using DbUp.Engine.Output;

namespace FleetUsers.Storage;

/// <summary>
/// The one place where the stores differ: how to connect, migrate and begin a
/// transaction, and the few statements whose SQL is not the same on both.
/// </summary>
public abstract class Database
{
    protected Database(StorageOptions options)
    {
        CommandTimeoutSeconds = options.CommandTimeoutSeconds;
        DapperSetup.EnsureConfigured();
    }

    public abstract StorageProvider Provider { get; }

    public int CommandTimeoutSeconds { get; }

    public static Database Create(StorageOptions options) => options.Provider switch
    {
        StorageProvider.Sqlite => new SqliteDatabase(options),
        StorageProvider.Postgres => new PostgresDatabase(options),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown storage provider."),
    };

    /// <summary>Applies every migration not yet applied; safe to call on every start-up.</summary>
    public abstract void Migrate();

    /// <summary>Runs the SQL files of Migrations/{folder} not yet in the journal, in name order, each in a transaction.</summary>
    protected static void ApplyMigrations(UpgradeEngineBuilder builder, string folder)
    {
        var result = builder
            .WithScriptsEmbeddedInAssembly(typeof(Database).Assembly, name => name.Contains($".Migrations.{folder}.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new NoOpUpgradeLog())
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }
    }

    /// <summary>
    /// Opens a session: a connection with a transaction. A write session takes the write
    /// lock at once (SQLite BEGIN IMMEDIATE), so read-check-write sequences cannot interleave.
    /// </summary>
    public async Task<StorageSession> BeginAsync(bool write, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            var transaction = await BeginTransactionAsync(connection, write, cancellationToken);
            return new StorageSession(this, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>True when the database answers a trivial query: readiness.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var one = await connection.ExecuteScalarAsync<int>(
            new CommandDefinition("SELECT 1", commandTimeout: CommandTimeoutSeconds, cancellationToken: cancellationToken));
        return one == 1;
    }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// After the database was out of reach: drop pooled connections, which may be dead, so the
    /// next request opens fresh ones and the service recovers without a restart.
    /// </summary>
    public virtual void ForgetPooledConnections()
    {
    }

    protected abstract Task<DbTransaction> BeginTransactionAsync(DbConnection connection, bool write, CancellationToken cancellationToken);

    /// <summary>
    /// Makes concurrent sessions that take the same lock run one after the other, until
    /// commit (PostgreSQL advisory lock). SQLite write sessions are serial already.
    /// </summary>
    internal virtual Task LockAsync(StorageSession session, long key, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Appended to a SELECT that reads a row about to be changed (row lock where the store has them).</summary>
    internal abstract string ForUpdate { get; }

    /// <summary>
    /// A row lock that serialises sessions taking the same lock but, unlike <see cref="ForUpdate"/>,
    /// lets rows referencing the locked one be inserted meanwhile (their foreign-key checks go on).
    /// </summary>
    internal virtual string ForNoKeyUpdate => ForUpdate;

    /// <summary>A condition "column is one of the ids in the parameter".</summary>
    internal abstract string IsOneOf(string column, string parameter);

    /// <summary>The parameter value for <see cref="IsOneOf"/>: a list of ids.</summary>
    internal abstract object ListOf(IEnumerable<Guid> ids);

    /// <summary>The parameter value for <see cref="IsOneOf"/>: a list of numbers or texts.</summary>
    internal abstract object ListOf<T>(IEnumerable<T> values);

    /// <summary>The name of the unique index a failed statement broke, if that is why it failed.</summary>
    internal abstract string? UniqueIndexViolated(DbException exception);

    /// <summary>True when a failed statement broke a foreign key (a row still referenced, or a reference to a row gone).</summary>
    internal abstract bool ForeignKeyViolated(DbException exception);
}
