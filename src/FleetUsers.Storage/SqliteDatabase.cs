using System.Data.Common;
using System.Text.Json;
using Dapper;
using DbUp;
using DbUp.Engine.Output;
using Microsoft.Data.Sqlite;

namespace FleetUsers.Storage;

/// <summary>The embedded store: one SQLite file in WAL mode; writers take turns.</summary>
public sealed class SqliteDatabase : Database
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintForeignKey = 787;
    private readonly string _connectionString;

    public SqliteDatabase(StorageOptions options) : base(options)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString ?? StorageOptions.DefaultSqliteConnectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = options.CommandTimeoutSeconds,
            Pooling = true,
        };
        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    public override StorageProvider Provider => StorageProvider.Sqlite;

    /// <summary>The database file's path as configured.</summary>
    public string DataSource { get; }

    public override void Migrate()
    {
        if (Path.GetDirectoryName(Path.GetFullPath(DataSource)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }
        using (var connection = new SqliteConnection(_connectionString))
        {
            connection.Open();
            // WAL lets readers go on while one writer commits; the setting is kept in the file.
            connection.Execute("PRAGMA journal_mode = WAL;");
        }
        ApplyMigrations(DeployChanges.To.SqliteDatabase(_connectionString).JournalToSqliteTable("schema_versions"), "Sqlite");
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override async Task<DbTransaction> BeginTransactionAsync(DbConnection connection, bool write, CancellationToken cancellationToken)
    {
        // Deferred for reads (a consistent snapshot in WAL mode); IMMEDIATE for writes, so a
        // transaction that read a row cannot later fail to upgrade its lock.
        await Task.CompletedTask;
        return ((SqliteConnection)connection).BeginTransaction(deferred: !write);
    }

    internal override string ForUpdate => "";

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
