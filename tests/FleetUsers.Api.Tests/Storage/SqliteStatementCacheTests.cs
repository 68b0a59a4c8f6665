using System.Collections;
using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Net;
using Dapper;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Ports;
using FleetUsers.Storage;
using FleetUsers.Storage.Engine;
using FleetUsers.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// Found in a profile of GET on SQLite (issue 15): SQLite's parser and planner took most of SQLite's share of the
/// CPU, as Microsoft.Data.Sqlite compiles the SQL of every new command again. The connections now keep their
/// prepared statements (<see cref="StatementCache"/>) and read sessions keep their connections open
/// (<see cref="SqliteConnections"/>). Seen through SQLite itself: how many times each statement of a connection ran
/// (<see cref="SqliteStatementReuseTests"/> through HTTP).
/// </summary>
public sealed class SqliteStatementCacheTests
{
    [Fact]
    public async Task AReadSessionGetsTheConnectionTheLastOneGaveBack_WithItsStatements()
    {
        using var file = new ScratchFile();
        using var connections = file.Connections();

        var first = await connections.OpenReaderAsync(CancellationToken.None);
        Assert.Equal(5L, await first.ExecuteScalarAsync<long>("SELECT @n + 1", new { n = 4 }));
        await connections.ReleaseReaderAsync(first);
        var second = await connections.OpenReaderAsync(CancellationToken.None);
        Assert.Equal(8L, await second.ExecuteScalarAsync<long>("SELECT @n + 1", new { n = 7 }));

        Assert.Same(first, second);
        Assert.Equal(2, RunsOf(second, "SELECT @n + 1"));
        await connections.ReleaseReaderAsync(second);
    }

    [Fact]
    public async Task ARunBindsOnlyItsOwnParameters()
    {
        using var file = new ScratchFile();
        using var connections = file.Connections();
        var connection = await connections.OpenReaderAsync(CancellationToken.None);

        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT @v", new { v = 1 }));
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("SELECT @v", new { v = 2 }));
        // The statement kept from the runs before must not answer with their value.
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => connection.ExecuteScalarAsync<long>("SELECT @v"));
        Assert.StartsWith("Must add values for the following parameters", missing.Message);

        await connections.ReleaseReaderAsync(connection);
    }

    [Fact]
    public async Task TheSameStatementRunInsideItsOwnReader_GetsACommandOfItsOwn()
    {
        using var file = new ScratchFile();
        using var connections = file.Connections();
        var connection = await connections.OpenReaderAsync(CancellationToken.None);
        const string Sql = "SELECT value FROM json_each('[1,2,3]') WHERE value >= @from";

        var pairs = new List<(long Outer, long Inner)>();
        await using (var reader = await connection.ExecuteReaderAsync(Sql, new { from = 2 }))
        {
            while (await reader.ReadAsync())
            {
                var outer = reader.GetInt64(0);
                foreach (var inner in await connection.QueryAsync<long>(Sql, new { from = outer }))
                {
                    pairs.Add((outer, inner));
                }
            }
        }

        Assert.Equal([(2L, 2L), (2L, 3L), (3L, 3L)], pairs);
        Assert.Equal([1L, 2L, 3L], await connection.QueryAsync<long>(Sql, new { from = 0 }));
        Assert.Equal(2, RunsOf(connection, Sql)); // the outer run and the last: the inner ones ran on commands of their own
        await connections.ReleaseReaderAsync(connection);
    }

    [Fact]
    public async Task AReaderDisposedWithoutItsCommand_FreesTheStatementForTheNextRun()
    {
        using var file = new ScratchFile();
        using var connections = file.Connections();
        var connection = await connections.OpenReaderAsync(CancellationToken.None);
        const string Sql = "SELECT @n * 2";

        for (var n = 1; n <= 3; n++)
        {
            // Dapper's reader, disposed asynchronously, leaves its command undisposed (DapperLib/Dapper#2185).
            await using var reader = await connection.ExecuteReaderAsync(Sql, new { n });
            Assert.True(await reader.ReadAsync());
            Assert.Equal(n * 2L, reader.GetInt64(0));
        }

        Assert.Equal(3, RunsOf(connection, Sql));
        await connections.ReleaseReaderAsync(connection);
    }

    [Fact]
    public async Task ACommandDisposedBeforeItsReader_KeepsItsParametersForTheReadersLaterStatements()
    {
        using var file = new ScratchFile();
        using var connections = file.Connections();
        var connection = await connections.OpenReaderAsync(CancellationToken.None);

        var command = connection.CreateCommand();
        command.CommandText = "SELECT @a; SELECT @b;";
        command.Parameters.Add(new SqliteParameter("@a", 1));
        command.Parameters.Add(new SqliteParameter("@b", 2));
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await command.DisposeAsync(); // as Dapper's unbuffered queries do
            Assert.True(await reader.ReadAsync());
            Assert.Equal(1L, reader.GetInt64(0));
            Assert.True(await reader.NextResultAsync()); // binds the second statement only now
            Assert.True(await reader.ReadAsync());
            Assert.Equal(2L, reader.GetInt64(0));
        }

        await connections.ReleaseReaderAsync(connection);
    }

    [Fact]
    public async Task AConnectionGivenBackWithAReaderOpen_IsClosed_NotKept()
    {
        using var file = new ScratchFile();
        using var connections = file.Connections();
        var connection = await connections.OpenReaderAsync(CancellationToken.None);
        var reader = await connection.ExecuteReaderAsync("SELECT value FROM json_each('[1,2,3]')");
        Assert.True(await reader.ReadAsync()); // a statement part way through holds its read snapshot

        await connections.ReleaseReaderAsync(connection);
        var next = await connections.OpenReaderAsync(CancellationToken.None);

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        Assert.NotSame(connection, next);
        await connections.ReleaseReaderAsync(next);
    }

    [Fact]
    public async Task ASessionEndedTwice_GivesItsConnectionBackOnce()
    {
        using var file = new ScratchFile();
        using var connections = file.Connections();
        var scope = new OwnConnectionScope(await connections.OpenReaderAsync(CancellationToken.None), null, connections.ReleaseReaderAsync);

        await scope.DisposeAsync();
        await scope.DisposeAsync();
        var first = await connections.OpenReaderAsync(CancellationToken.None);
        var second = await connections.OpenReaderAsync(CancellationToken.None);

        Assert.NotSame(first, second);
        await connections.ReleaseReaderAsync(first);
        await connections.ReleaseReaderAsync(second);
    }

    [Fact]
    public async Task AConnectionKeepsAtMostTheCacheCapacity_AndRunsEvictedStatementsAgain()
    {
        using var file = new ScratchFile();
        using var connections = file.Connections();
        var connection = await connections.OpenReaderAsync(CancellationToken.None);

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < StatementCache.Capacity * 2; i++)
            {
                Assert.Equal(i, await connection.ExecuteScalarAsync<long>($"SELECT {i}"));
            }
        }

        Assert.InRange(Statements(connection).Count, StatementCache.Capacity / 2, StatementCache.Capacity);
        await connections.ReleaseReaderAsync(connection);
    }

    [Fact]
    public async Task AConnectionGivenBackInsideATransaction_IsRolledBackAndClosed()
    {
        using var file = new ScratchFile();
        using var connections = file.Connections();
        var connection = await connections.OpenReaderAsync(CancellationToken.None);
        await connection.ExecuteAsync("BEGIN; CREATE TABLE left_open (id INTEGER);");

        await connections.ReleaseReaderAsync(connection);
        var next = await connections.OpenReaderAsync(CancellationToken.None);

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        Assert.NotEqual(0, raw.sqlite3_get_autocommit(((SqliteConnection)next).Handle));
        Assert.Equal(0L, await next.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE name = 'left_open'"));
        await connections.ReleaseReaderAsync(next);
    }

    [Fact]
    public async Task KeptReadersCloseWithThePool_AndOneGivenBackLaterIsClosed()
    {
        using var file = new ScratchFile();
        var connections = file.Connections();
        var kept = await connections.OpenReaderAsync(CancellationToken.None);
        var late = await connections.OpenReaderAsync(CancellationToken.None);
        await connections.ReleaseReaderAsync(kept);

        connections.Dispose();
        await connections.ReleaseReaderAsync(late);

        Assert.Equal(System.Data.ConnectionState.Closed, kept.State);
        Assert.Equal(System.Data.ConnectionState.Closed, late.State);
    }

    [Fact]
    public async Task AtMostMaxIdleReadersAreKept()
    {
        using var file = new ScratchFile();
        using var connections = file.Connections();
        var count = SqliteConnections.MaxIdleReaders + 6;
        var opened = new List<DbConnection>();
        for (var i = 0; i < count; i++)
        {
            opened.Add(await connections.OpenReaderAsync(CancellationToken.None));
        }
        foreach (var connection in opened)
        {
            await connections.ReleaseReaderAsync(connection);
        }

        Assert.Equal(SqliteConnections.MaxIdleReaders, opened.Count(c => c.State == System.Data.ConnectionState.Open));
    }

    internal static int MostRun(DbConnection connection) => Statements(connection).Select(s => s.Runs).DefaultIfEmpty(0).Max();

    private static int RunsOf(DbConnection connection, string sql) => Statements(connection).Single(s => s.Sql == sql).Runs;

    /// <summary>sqlite3.h's SQLITE_STMTSTATUS_RUN, which SQLitePCL.raw does not name: how many times a statement ran.</summary>
    private const int StatementRuns = 6;

    /// <summary>
    /// The statements prepared by the commands the connection holds, with how many times each ran (SQLite's own
    /// count). Found through Microsoft.Data.Sqlite's private fields: SQLitePCL's sqlite3_next_stmt must be enabled
    /// at each open, and this SQLite has no sqlite_stmt table.
    /// </summary>
    internal static List<(string Sql, int Runs)> Statements(DbConnection connection)
    {
        var commands = typeof(SqliteConnection).GetField("_commands", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("Microsoft.Data.Sqlite no longer names its list of commands _commands");
        var prepared = typeof(SqliteCommand).GetField("_preparedStatements", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("Microsoft.Data.Sqlite no longer names a command's statements _preparedStatements");
        var statements = new List<(string, int)>();
        foreach (WeakReference<SqliteCommand> reference in (IEnumerable)commands.GetValue((SqliteConnection)connection)!)
        {
            if (reference.TryGetTarget(out var command))
            {
                foreach (ITuple entry in (IEnumerable)prepared.GetValue(command)!)
                {
                    var statement = (sqlite3_stmt)entry[0]!;
                    statements.Add((raw.sqlite3_sql(statement).utf8_to_string(), raw.sqlite3_stmt_status(statement, StatementRuns, 0)));
                }
            }
        }
        return statements;
    }

    /// <summary>A SQLite file in a directory of its own, removed with its pooled connections at the end.</summary>
    private sealed class ScratchFile : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("fleetusers-statements-").FullName;

        public SqliteConnections Connections() =>
            new(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "cache.db")}" });

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
