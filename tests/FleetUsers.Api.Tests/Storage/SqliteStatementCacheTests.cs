using System.Data.Common;
using Dapper;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Storage;
using FleetUsers.Storage.Engine;
using FleetUsers.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SQLitePCL;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// Found in a profile of GET on SQLite (issue 15): SQLite's parser and planner took most of SQLite's share of the
/// CPU, as Microsoft.Data.Sqlite compiles the SQL of every new command again. The connections now keep their
/// prepared statements (<see cref="StatementCache"/>) and read sessions keep their connections open
/// (<see cref="SqliteConnections"/>). Seen through SQLite itself: how many times each statement of a connection ran
/// (<see cref="SqliteConnectionCommandsTests"/> through HTTP).
/// </summary>
public sealed class SqliteStatementCacheTests
{
    [Fact]
    public async Task AReadSessionGetsTheConnectionTheLastOneGaveBack_WithItsStatements()
    {
        using var readers = new ScratchReaders();

        var first = await readers.OpenAsync();
        Assert.Equal(5L, await first.ExecuteScalarAsync<long>("SELECT @n + 1", new { n = 4 }));
        await readers.ReleaseAsync(first);
        var second = await readers.OpenAsync();
        Assert.Equal(8L, await second.ExecuteScalarAsync<long>("SELECT @n + 1", new { n = 7 }));

        Assert.Same(first, second);
        Assert.Equal(2, RunsOf(second, "SELECT @n + 1"));
        await readers.ReleaseAsync(second);
    }

    [Fact]
    public async Task ARunBindsOnlyItsOwnParameters()
    {
        using var readers = new ScratchReaders();
        var connection = await readers.OpenAsync();

        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT @v", new { v = 1 }));
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("SELECT @v", new { v = 2 }));
        // The statement kept from the runs before must not answer with their value.
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => connection.ExecuteScalarAsync<long>("SELECT @v"));
        Assert.StartsWith("Must add values for the following parameters", missing.Message);

        await readers.ReleaseAsync(connection);
    }

    [Fact]
    public async Task TheSameStatementRunInsideItsOwnReader_GetsACommandOfItsOwn()
    {
        using var readers = new ScratchReaders();
        var connection = await readers.OpenAsync();
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
        await readers.ReleaseAsync(connection);
    }

    [Fact]
    public async Task AReaderDisposedWithoutItsCommand_FreesTheStatementForTheNextRun()
    {
        using var readers = new ScratchReaders();
        var connection = await readers.OpenAsync();
        const string Sql = "SELECT @n * 2";

        for (var n = 1; n <= 3; n++)
        {
            // Dapper's reader, disposed asynchronously, leaves its command undisposed (DapperLib/Dapper#2185).
            await using var reader = await connection.ExecuteReaderAsync(Sql, new { n });
            Assert.True(await reader.ReadAsync());
            Assert.Equal(n * 2L, reader.GetInt64(0));
        }

        Assert.Equal(3, RunsOf(connection, Sql));
        await readers.ReleaseAsync(connection);
    }

    [Fact]
    public async Task ACommandDisposedBeforeItsReader_KeepsItsParametersForTheReadersLaterStatements()
    {
        using var readers = new ScratchReaders();
        var connection = await readers.OpenAsync();

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

        await readers.ReleaseAsync(connection);
    }

    [Fact]
    public async Task AConnectionGivenBackWithAReaderOpen_IsClosed_NotKept()
    {
        using var readers = new ScratchReaders();
        var connection = await readers.OpenAsync();
        var reader = await connection.ExecuteReaderAsync("SELECT value FROM json_each('[1,2,3]')");
        Assert.True(await reader.ReadAsync()); // a statement part way through holds its read snapshot

        await readers.ReleaseAsync(connection);
        var next = await readers.OpenAsync();

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        Assert.NotSame(connection, next);
        await readers.ReleaseAsync(next);
    }

    [Fact]
    public async Task ASessionEndedTwice_GivesItsConnectionBackOnce()
    {
        using var readers = new ScratchReaders();
        var scope = new OwnConnectionScope(await readers.OpenAsync(), null, readers.Connections.ReleaseReaderAsync);

        await scope.DisposeAsync();
        await scope.DisposeAsync();
        var first = await readers.OpenAsync();
        var second = await readers.OpenAsync();

        Assert.NotSame(first, second);
        await readers.ReleaseAsync(first);
        await readers.ReleaseAsync(second);
    }

    [Fact]
    public async Task AConnectionKeepsAtMostTheCacheCapacity_AndRunsEvictedStatementsAgain()
    {
        using var readers = new ScratchReaders();
        var connection = await readers.OpenAsync();

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < StatementCache.Capacity * 2; i++)
            {
                Assert.Equal(i, await connection.ExecuteScalarAsync<long>($"SELECT {i}"));
            }
        }

        Assert.InRange(SqliteDriverState.Statements(connection).Count, StatementCache.Capacity / 2, StatementCache.Capacity);
        await readers.ReleaseAsync(connection);
    }

    [Fact]
    public async Task AConnectionGivenBackInsideATransaction_IsRolledBackAndClosed()
    {
        using var readers = new ScratchReaders();
        var connection = await readers.OpenAsync();
        await connection.ExecuteAsync("BEGIN; CREATE TABLE left_open (id INTEGER);");

        await readers.ReleaseAsync(connection);
        var next = await readers.OpenAsync();

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        Assert.NotEqual(0, raw.sqlite3_get_autocommit(((SqliteConnection)next).Handle));
        Assert.Equal(0L, await next.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE name = 'left_open'"));
        await readers.ReleaseAsync(next);
    }

    [Fact]
    public async Task KeptReadersCloseWithThePool_AndOneGivenBackLaterIsClosed()
    {
        using var readers = new ScratchReaders();
        var kept = await readers.OpenAsync();
        var late = await readers.OpenAsync();
        await readers.ReleaseAsync(kept);

        readers.Connections.Dispose();
        await readers.ReleaseAsync(late);

        Assert.Equal(System.Data.ConnectionState.Closed, kept.State);
        Assert.Equal(System.Data.ConnectionState.Closed, late.State);
    }

    [Fact]
    public async Task AtMostMaxIdleReadersAreKept()
    {
        using var readers = new ScratchReaders();
        var count = SqliteConnections.MaxIdleReaders + 6;
        var opened = new List<DbConnection>();
        for (var i = 0; i < count; i++)
        {
            opened.Add(await readers.OpenAsync());
        }
        foreach (var connection in opened)
        {
            await readers.ReleaseAsync(connection);
        }

        Assert.Equal(SqliteConnections.MaxIdleReaders, opened.Count(c => c.State == System.Data.ConnectionState.Open));
    }

    [Fact]
    public async Task IdleReadersCloseOnceIdleForTheirLifetime_TheMostRecentlyUsedTakenFirst()
    {
        var clock = new FakeTimeProvider();
        using var readers = new ScratchReaders(clock);
        var first = await readers.OpenAsync();
        var second = await readers.OpenAsync();
        await readers.ReleaseAsync(first);
        await readers.ReleaseAsync(second);

        clock.Advance(SqliteConnections.IdleReaderLifetime / 2);
        var reused = await readers.OpenAsync(); // the one given back last
        await readers.ReleaseAsync(reused);
        clock.Advance(SqliteConnections.IdleReaderLifetime / 2); // the first idle for the lifetime, the reused for half

        Assert.Same(second, reused);
        Assert.Equal(System.Data.ConnectionState.Closed, first.State);
        Assert.Equal(System.Data.ConnectionState.Open, second.State);
        Assert.Same(second, await readers.OpenAsync()); // still kept, and the only one
        await readers.ReleaseAsync(second);

        clock.Advance(SqliteConnections.IdleReaderLifetime);

        Assert.Equal(System.Data.ConnectionState.Closed, second.State);
    }

    private static int RunsOf(DbConnection connection, string sql) =>
        SqliteDriverState.Statements(connection).Single(s => s.Sql == sql).Runs;

    /// <summary>The readers of a SQLite file in a directory of its own, removed with its connections at the end.</summary>
    private sealed class ScratchReaders : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("fleetusers-statements-").FullName;

        public ScratchReaders(TimeProvider? clock = null) =>
            Connections = new SqliteConnections(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "cache.db")}" }, clock);

        public SqliteConnections Connections { get; }

        public Task<DbConnection> OpenAsync() => Connections.OpenReaderAsync(CancellationToken.None);

        public ValueTask ReleaseAsync(DbConnection connection) => Connections.ReleaseReaderAsync(connection);

        public void Dispose()
        {
            Connections.Dispose();
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
