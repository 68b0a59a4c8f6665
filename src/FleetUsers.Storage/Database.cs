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

    /// <summary>Group trees this process read, each served again only while its company's tree version is unchanged.</summary>
    internal GroupTreeCache Trees { get; } = new();

    public int CommandTimeoutSeconds { get; }

    public static Database Create(StorageOptions options)
    {
        if (options.CommandTimeoutSeconds < 1)
        {
            throw new StartupException("Storage:CommandTimeoutSeconds must be at least 1: set Storage__CommandTimeoutSeconds to the seconds a statement may wait (default 5)");
        }
        return options.Provider switch
        {
            StorageProvider.Sqlite => new SqliteDatabase(options),
            StorageProvider.Postgres => new PostgresDatabase(options),
            _ => throw new StartupException($"Storage:Provider {options.Provider} is not a store: set Storage__Provider to Sqlite or Postgres"),
        };
    }

    /// <summary>The connection string, parsed by the store's own builder; a malformed one stops the start naming the setting.</summary>
    protected static T ParseConnectionString<T>(Func<T> parse, string store)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException e)
        {
            // The driver's message names the keyword or position, never a value (the password).
            throw new StartupException($"ConnectionStrings:Users is not a {store} connection string ({e.Message.TrimEnd('.')}): set ConnectionStrings__Users", e);
        }
    }

    /// <summary>Applies every migration not yet applied; safe to call on every start-up.</summary>
    public abstract void Migrate();

    /// <summary>
    /// Runs the SQL files of Migrations/{folder} not yet in the journal, in name order, each in a
    /// transaction of its own, or (<paramref name="transactionPerScript"/> false) in the caller's.
    /// </summary>
    protected static void ApplyMigrations(UpgradeEngineBuilder builder, string folder, bool transactionPerScript = true)
    {
        builder = transactionPerScript ? builder.WithTransactionPerScript() : builder.WithoutTransaction();
        var result = builder
            .WithScriptsEmbeddedInAssembly(typeof(Database).Assembly, name => name.Contains($".Migrations.{folder}.", StringComparison.Ordinal))
            .LogTo(new NoOpUpgradeLog())
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new StartupException($"migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }
    }

    /// <summary>
    /// Opens a session. A write session is a transaction that takes the write lock at once
    /// (SQLite BEGIN IMMEDIATE; PostgreSQL locks the rows it reads FOR UPDATE), so
    /// read-check-write sequences cannot interleave. A read session runs each statement on
    /// its own (autocommit): no BEGIN/ROLLBACK round trips on the hot read paths.
    /// </summary>
    public Task<StorageSession> BeginAsync(bool write, CancellationToken cancellationToken) =>
        OpenSessionAsync(write, snapshot: false, cancellationToken);

    /// <summary>
    /// Opens a read session whose statements all see one snapshot of the database (a
    /// transaction that takes no lock and writes nothing): for reads of several statements that
    /// must agree, such as a page of users, their roles and their count, or an export walking
    /// every page while users change.
    /// </summary>
    public Task<StorageSession> BeginSnapshotAsync(CancellationToken cancellationToken) =>
        OpenSessionAsync(write: false, snapshot: true, cancellationToken);

    private async Task<StorageSession> OpenSessionAsync(bool write, bool snapshot, CancellationToken cancellationToken)
    {
        var writeTurn = write ? await AwaitWriteTurnAsync(cancellationToken) : null;
        DbConnection? connection = null;
        try
        {
            connection = await OpenConnectionAsync(write, cancellationToken);
            var transaction = write ? await BeginWriteTransactionAsync(connection, cancellationToken)
                : snapshot ? await BeginSnapshotTransactionAsync(connection, cancellationToken)
                : null;
            return new StorageSession(this, connection, transaction, writeTurn);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            writeTurn?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until this process may write, where the store allows one writer at a time; the
    /// turn ends when the session does. Null where writers need no turns (PostgreSQL).
    /// </summary>
    protected virtual Task<IDisposable?> AwaitWriteTurnAsync(CancellationToken cancellationToken) => Task.FromResult<IDisposable?>(null);

    /// <summary>
    /// How long a bulk writer (an import) waits between two of its write transactions, so that
    /// other writers get their turn. None where writers do not exclude one another (PostgreSQL).
    /// </summary>
    public virtual TimeSpan PauseBetweenBatches => TimeSpan.Zero;

    /// <summary>True when the database answers a trivial query: readiness.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var one = await connection.ExecuteScalarAsync<int>(
            new CommandDefinition("SELECT 1", commandTimeout: CommandTimeoutSeconds, cancellationToken: cancellationToken));
        return one == 1;
    }

    /// <summary>An open connection for reading (or for bulk work of the caller's own).</summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => OpenConnectionAsync(write: false, cancellationToken);

    protected abstract Task<DbConnection> OpenConnectionAsync(bool write, CancellationToken cancellationToken);

    /// <summary>
    /// After the connection to the database was lost (<see cref="StorageFailures.IsConnectionLost"/>):
    /// drop pooled connections, which may be dead, so the next request opens fresh ones and the
    /// service recovers without a restart.
    /// </summary>
    public virtual void ForgetPooledConnections()
    {
    }

    protected abstract Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    protected abstract Task<DbTransaction> BeginSnapshotTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Makes concurrent sessions that take the same lock run one after the other, until
    /// commit (PostgreSQL advisory lock). SQLite write sessions are serial already.
    /// </summary>
    internal virtual Task LockAsync(StorageSession session, long key, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Appended to a SELECT that reads a user (alias u) about to be changed: a row lock where the store has them.</summary>
    internal abstract string ForUpdate { get; }

    /// <summary>The condition "the user (alias u) belongs to @companyId", in a list that may also search.</summary>
    internal virtual string CompanyCondition(string? searchText) => "u.company_id = @companyId";

    /// <summary>
    /// The condition "users.search_text (of alias u) contains the text": @search holds the LIKE
    /// pattern, @phrase the text as a full-text phrase, for stores that need one.
    /// </summary>
    internal virtual string SearchCondition(string text) => "u.search_text LIKE @search ESCAPE '\\'";

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
