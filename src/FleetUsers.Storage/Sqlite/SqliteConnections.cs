using System.Data;
using System.Data.Common;
using Dapper;
using FleetUsers.Application;
using FleetUsers.Storage.Engine;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FleetUsers.Storage.Sqlite;

/// <summary>
/// Connections to the SQLite file: a pool of readers, and one writer (which checks foreign keys) committing write
/// sessions in batches. All of them keep their prepared statements (<see cref="CachingSqliteConnection"/>), so read
/// sessions take their connections from a pool of this class's own, which keeps them open until they have been idle for
/// <see cref="IdleReaderLifetime"/>: the driver's pool hands out a new connection object, without the statements, at
/// every open.
/// </summary>
public sealed class SqliteConnections : Connections
{
    /// <summary>Idle readers kept open: as many as the sessions in flight under load, which then never open one.</summary>
    public const int MaxIdleReaders = 64;

    /// <summary>
    /// A kept reader idle this long is closed, its statements with it: the readers a burst opened do not stay for good.
    /// Checked every half of it, so a reader goes after one to one and a half times this. Its native connection then
    /// goes back to the driver's pool, which closes it (and frees its page cache) once idle there for a few minutes more.
    /// </summary>
    public static readonly TimeSpan IdleReaderLifetime = TimeSpan.FromMinutes(1);

    private readonly string _readConnectionString;
    private readonly string _writeConnectionString;
    private readonly int _commandTimeoutSeconds;

    // One writer at a time in this process, queued there rather than left to SQLITE_BUSY (the
    // driver retries a busy database by sleeping 150 ms, which would make every contended write
    // slow), and committed in batches. Other processes (the CLI) still meet the busy timeout.
    private readonly SqliteWriter _writer;

    // The idle readers, the one given back last at the end: a session takes the most recently used, so under a light
    // load the ones at the start stay idle until the trimmer closes them. Guarded by the list itself.
    private readonly List<(CachingSqliteConnection Reader, DateTimeOffset IdleSince)> _idleReaders = [];
    private bool _disposed;
    private readonly TimeProvider _clock;
    private readonly ITimer _trimmer;

    public SqliteConnections(StorageOptions options, TimeProvider? clock = null)
    {
        var builder = ConnectionStrings.Parse(
            () => new SqliteConnectionStringBuilder(options.ConnectionString ?? StorageOptions.DefaultSqliteConnectionString), "SQLite");
        _commandTimeoutSeconds = options.CommandTimeoutSeconds;
        builder.DefaultTimeout = options.CommandTimeoutSeconds;
        builder.Pooling = true;
        // Two pools: writers check foreign keys (the driver sets the pragma at every open);
        // readers need no check and skip that statement.
        _readConnectionString = builder.ToString();
        builder.ForeignKeys = true;
        // The writer keeps its one connection open; closing it (after a failed batch) must close the file.
        builder.Pooling = false;
        _writeConnectionString = builder.ToString();
        DataSource = builder.DataSource;
        _writer = new SqliteWriter(async ct => (SqliteConnection)await OpenAsync(write: true, ct), TimeSpan.FromSeconds(_commandTimeoutSeconds));
        _clock = clock ?? TimeProvider.System;
        _trimmer = _clock.CreateTimer(_ => CloseIdleReaders(idleSince: _clock.GetUtcNow() - IdleReaderLifetime),
            null, IdleReaderLifetime / 2, IdleReaderLifetime / 2);
    }

    /// <summary>The database file's path as configured.</summary>
    public string DataSource { get; }

    public override string? LocalDirectory => Path.GetDirectoryName(Path.GetFullPath(DataSource)) ?? ".";

    /// <summary>
    /// A writer of another process that meets the lock sleeps in SQLite's busy handler, polling at
    /// most 100 ms apart; a pause longer than that lets every waiting writer in. Without it a bulk
    /// writer would take the lock again within microseconds and starve them into their timeout.
    /// </summary>
    public override TimeSpan PauseBetweenBatches => TimeSpan.FromMilliseconds(120);

    /// <summary>A write session: a savepoint in this process's current batch (<see cref="SqliteWriter"/>).</summary>
    public override Task<SessionScope> BeginWriteSessionAsync(CancellationToken ct) => _writer.BeginAsync(ct);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _trimmer.Dispose();
            _writer.Dispose();
            lock (_idleReaders)
            {
                _disposed = true;
            }
            CloseIdleReaders(idleSince: DateTimeOffset.MaxValue);
        }
    }

    public override async Task<DbConnection> OpenReaderAsync(CancellationToken ct)
    {
        lock (_idleReaders)
        {
            if (_idleReaders.Count > 0)
            {
                var (idle, _) = _idleReaders[^1];
                _idleReaders.RemoveAt(_idleReaders.Count - 1);
                return idle;
            }
        }
        return await OpenAsync(write: false, ct);
    }

    /// <summary>
    /// Kept open for the next read session when the pool has room; otherwise closed, as is one given back after the
    /// pool closed (at shutdown). One the session left inside a transaction, or with a reader open (both bugs of the
    /// session), is closed too, the transaction rolled back first: the driver's pool would keep it for the next.
    /// </summary>
    public override ValueTask ReleaseReaderAsync(DbConnection connection)
    {
        if (connection is not CachingSqliteConnection { State: ConnectionState.Open } reader)
        {
            return connection.DisposeAsync();
        }
        if (raw.sqlite3_get_autocommit(reader.Handle) == 0)
        {
            raw.sqlite3_exec(reader.Handle, "ROLLBACK");
            return reader.DisposeAsync();
        }
        if (reader.Statements.Reading)
        {
            return reader.DisposeAsync();
        }
        lock (_idleReaders)
        {
            if (!_disposed && _idleReaders.Count < MaxIdleReaders)
            {
                _idleReaders.Add((reader, _clock.GetUtcNow()));
                return ValueTask.CompletedTask;
            }
        }
        return connection.DisposeAsync();
    }

    /// <summary>
    /// Closes the idle readers given back at or before <paramref name="idleSince"/> (all of them at shutdown). Inside the
    /// lock, so that <see cref="Dispose(bool)"/> returns only after a trim that was running (a timer's disposal does not
    /// wait for its callback): nothing outlives the pool.
    /// </summary>
    private void CloseIdleReaders(DateTimeOffset idleSince)
    {
        lock (_idleReaders)
        {
            var expired = 0;
            while (expired < _idleReaders.Count && _idleReaders[expired].IdleSince <= idleSince)
            {
                _idleReaders[expired].Reader.Dispose();
                expired++;
            }
            _idleReaders.RemoveRange(0, expired);
        }
    }

    public override async Task<DbConnection> OpenAsync(bool write, CancellationToken ct)
    {
        var connection = new CachingSqliteConnection(write ? _writeConnectionString : _readConnectionString);
        await connection.OpenAsync(ct);
        if (write)
        {
            // Another process (the CLI) may hold the write lock: wait in SQLite's busy handler,
            // which retries within milliseconds, not in the driver's 150 ms sleeps. WAL readers never wait.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {_commandTimeoutSeconds * 1000}";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        return connection;
    }

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        // IMMEDIATE: a transaction that read a row cannot later fail to upgrade its lock.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct) =>
        // DEFERRED takes no lock; in WAL mode the first read fixes the snapshot the rest see.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    /// <summary>The first connection a start makes, without a time limit (as on PostgreSQL): a process starting while another migrates waits for it.</summary>
    internal SqliteConnection OpenForMigration()
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
}
