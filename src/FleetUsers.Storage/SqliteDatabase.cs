using System.Data.Common;
using System.Text.Json;
using Dapper;
using DbUp;
using DbUp.Engine.Output;
using DbUp.Sqlite.Helpers;
using Microsoft.Data.Sqlite;

namespace FleetUsers.Storage;

/// <summary>The embedded store: one SQLite file in WAL mode; writers take turns.</summary>
public sealed class SqliteDatabase : Database
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintForeignKey = 787;
    private readonly string _readConnectionString;
    private readonly string _writeConnectionString;

    // One writer at a time in this process, queued here rather than left to SQLITE_BUSY: the
    // driver retries a busy database by sleeping 150 ms, which would make every contended
    // write slow. Other processes (the CLI) still meet the busy timeout.
    private readonly SemaphoreSlim _writer = new(1, 1);

    public SqliteDatabase(StorageOptions options) : base(options)
    {
        var builder = ParseConnectionString(
            () => new SqliteConnectionStringBuilder(options.ConnectionString ?? StorageOptions.DefaultSqliteConnectionString), "SQLite");
        builder.DefaultTimeout = options.CommandTimeoutSeconds;
        builder.Pooling = true;
        // Two pools: writers check foreign keys (the driver sets the pragma at every open);
        // readers need no check and skip that statement.
        _readConnectionString = builder.ToString();
        builder.ForeignKeys = true;
        _writeConnectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    public override StorageProvider Provider => StorageProvider.Sqlite;

    /// <summary>The database file's path as configured.</summary>
    public string DataSource { get; }

    public override void Migrate()
    {
        using var connection = OpenForMigration();
        // Reading the journal and applying what it lacks happen in one IMMEDIATE transaction: the
        // service and command lines migrating the same file take turns on its write lock, and the
        // second finds the scripts done instead of running them again. (So a migration must be
        // able to run inside a transaction: no VACUUM, no PRAGMA journal_mode.)
        connection.Execute("BEGIN IMMEDIATE");
        try
        {
            ApplyMigrations(DeployChanges.To.SqliteDatabase(new SharedConnection(connection)).JournalToSqliteTable("schema_versions"),
                "Sqlite", transactionPerScript: false);
            connection.Execute("COMMIT");
        }
        catch
        {
            connection.Execute("ROLLBACK");
            throw;
        }
    }

    /// <summary>
    /// A writer of another process that meets the lock sleeps in SQLite's busy handler, polling at
    /// most 100 ms apart; a pause longer than that lets every waiting writer in. Without it a bulk
    /// writer would take the lock again within microseconds and starve them into their timeout.
    /// </summary>
    public override TimeSpan PauseBetweenBatches => TimeSpan.FromMilliseconds(120);

    /// <summary>The first connection a start makes, without a time limit (as on PostgreSQL): a process starting while another migrates waits for it.</summary>
    private SqliteConnection OpenForMigration()
    {
        var unlimited = new SqliteConnectionStringBuilder(_writeConnectionString) { DefaultTimeout = 0, Pooling = false };
        var connection = new SqliteConnection(unlimited.ToString());
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(DataSource)) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {int.MaxValue}");
            // WAL lets readers go on while one writer commits; the setting is kept in the file.
            connection.Execute("PRAGMA journal_mode = WAL;");
            return connection;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            connection.Dispose();
            throw new StartupException(
                $"cannot open the SQLite database {Path.GetFullPath(DataSource)} ({e.Message.TrimEnd('.')}): set ConnectionStrings__Users to Data Source=<a file in a directory this account may write>", e);
        }
    }

    protected override async Task<IDisposable?> AwaitWriteTurnAsync(CancellationToken cancellationToken)
    {
        if (!await _writer.WaitAsync(TimeSpan.FromSeconds(CommandTimeoutSeconds), cancellationToken))
        {
            throw new TimeoutException($"No write turn within {CommandTimeoutSeconds} s: the database is busy.");
        }
        return new WriteTurn(_writer);
    }

    private sealed class WriteTurn(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
            }
        }
    }

    protected override async Task<DbConnection> OpenConnectionAsync(bool write, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(write ? _writeConnectionString : _readConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (write)
        {
            // Another process (the CLI) may hold the write lock: wait in SQLite's busy handler,
            // which retries within milliseconds, not in the driver's 150 ms sleeps. WAL readers never wait.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {CommandTimeoutSeconds * 1000}";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        return connection;
    }

    protected override async Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // IMMEDIATE: a transaction that read a row cannot later fail to upgrade its lock.
        await Task.CompletedTask;
        return ((SqliteConnection)connection).BeginTransaction(deferred: false);
    }

    protected override Task<DbTransaction> BeginSnapshotTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // DEFERRED takes no lock; in WAL mode the first read fixes the snapshot the rest see.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    internal override string ForUpdate => "";

    /// <summary>
    /// With a full-text search, the unary + keeps SQLite from walking the company's index (all
    /// its users) and makes it start from the few rows the search index names.
    /// </summary>
    internal override string CompanyCondition(string? searchText) =>
        searchText is not null && UsesSearchIndex(searchText) ? "+u.company_id = @companyId" : base.CompanyCondition(searchText);

    internal override string SearchCondition(string text) => UsesSearchIndex(text)
        ? "u.rowid IN (SELECT rowid FROM user_search WHERE user_search MATCH @phrase) AND " + base.SearchCondition(text)
        : base.SearchCondition(text);

    /// <summary>Trigrams need three characters; shorter texts are matched by scanning.</summary>
    private static bool UsesSearchIndex(string text) => text.Length >= 3;

    internal override string IsOneOf(string column, string parameter) =>
        $"{column} IN (SELECT value FROM json_each({parameter}))";

    // SQLite has no arrays: the list travels as JSON and json_each unpacks it. UUIDs are kept
    // as upper-case text (how Microsoft.Data.Sqlite writes them), so they compare equal.
    internal override object ListOf(IEnumerable<Guid> ids) =>
        JsonSerializer.Serialize(ids.Select(id => id.ToString("D").ToUpperInvariant()));

    internal override object ListOf<T>(IEnumerable<T> values) => JsonSerializer.Serialize(values);

    internal override string? UniqueIndexViolated(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique } e
            ? e.Message // "UNIQUE constraint failed: users.username_key": names the columns
            : null;

    internal override bool ForeignKeyViolated(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: SqliteConstraintForeignKey };
}
