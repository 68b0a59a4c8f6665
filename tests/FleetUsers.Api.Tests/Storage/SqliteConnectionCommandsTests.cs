using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Ports;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// What the service's SQLite connections hold after many PUTs and GETs, found in profiles of each (issue 15):
/// <list type="bullet">
/// <item>Microsoft.Data.Sqlite keeps every command of a connection that was not disposed in a list the connection
/// holds for its whole life, and Dapper's reader left its command undisposed when disposed asynchronously
/// (DapperLib/Dapper#2185). SQLite's writer connection lives as long as the service, so the list grew by one entry
/// per PUT for good (memory, and a walk of the list at each command's disposal).</item>
/// <item>SQLite's parser and planner took most of SQLite's share of a GET's CPU, as the driver compiles the SQL of
/// every new command again: the connections now keep their prepared statements, which run again
/// (<see cref="SqliteStatementCacheTests"/> has the cache's rules).</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionCommandsTests(FleetUsersApp app)
{
    private const int Puts = 60;

    [StoreFact(Only = "sqlite")]
    public async Task ManyPutsAndGets_LeaveNoCommandBehindOnTheConnections()
    {
        await using var service = await IsolatedService.StartAsync(app);
        var userId = await CreateUserAsync(service);
        var database = service.Services.GetRequiredService<IDatabase>();
        var before = await CommandsKeptAsync(database);

        await PutAndGetAsync(service, userId, Puts);

        var after = await CommandsKeptAsync(database);
        Assert.True(after.Writer - before.Writer < Puts / 2,
            $"the writer connection holds {after.Writer} commands after {Puts} PUTs (before: {before.Writer})");
        Assert.True(after.Reader - before.Reader < Puts / 2,
            $"a pooled read connection holds {after.Reader} commands after {Puts} GETs (before: {before.Reader})");
    }

    [StoreFact(Only = "sqlite")]
    public async Task RepeatedGetsAndPuts_RunStatementsCompiledOnce()
    {
        const int Requests = 30;
        await using var service = await IsolatedService.StartAsync(app);
        var userId = await CreateUserAsync(service);

        await PutAndGetAsync(service, userId, Requests);

        var database = service.Services.GetRequiredService<IDatabase>();
        await using (var write = await database.BeginAsync(write: true, CancellationToken.None))
        {
            var most = MostRun(SqliteDriverState.Statements(((SqlSession)write).Connection));
            Assert.True(most >= Requests, $"the writer's most used statement ran {most} times in {Requests} PUTs");
        }
        // The GETs' read sessions took turns on the kept readers (background work may have added one): hold
        // more read sessions than there are kept readers at once, so each of them is seen, and add up each
        // statement's runs over them.
        var reads = new List<IAsyncDisposable>();
        try
        {
            var statements = new List<(string Sql, int Runs)>();
            for (var i = 0; i < 16; i++)
            {
                var read = await database.BeginAsync(write: false, CancellationToken.None);
                reads.Add(read);
                statements.AddRange(SqliteDriverState.Statements(((SqlSession)read).Connection));
            }
            var most = MostRun(statements);
            Assert.True(most >= Requests / 2, $"the readers' most used statement ran {most} times in {Requests} GETs");
        }
        finally
        {
            foreach (var read in reads)
            {
                await read.DisposeAsync();
            }
        }
    }

    private static async Task<string> CreateUserAsync(IsolatedService service)
    {
        var created = await service.Admin.PostJsonAsync("/v1/users", UserBodies.Create(service.Root));
        await HttpAssert.ExpectAsync(created, HttpStatusCode.Created);
        return (await HttpAssert.ReadObjectAsync(created))["userId"]!.GetValue<string>();
    }

    /// <summary>One after another: a PUT that changes the user's last name, then a GET of the user.</summary>
    private static async Task PutAndGetAsync(IsolatedService service, string userId, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var body = UserBodies.Update(service.Root);
            body["lastName"] = "Kept " + Unique.Letters();
            await HttpAssert.ExpectAsync(await service.Admin.PutJsonAsync($"/v1/users/{userId}", body), HttpStatusCode.OK);
            await HttpAssert.ExpectAsync(await service.Admin.GetAsync($"/v1/users/{userId}"), HttpStatusCode.OK);
        }
    }

    /// <summary>The most runs of one SQL text, added up over the statements listed (from one connection or several).</summary>
    private static int MostRun(IEnumerable<(string Sql, int Runs)> statements) =>
        statements.GroupBy(s => s.Sql).Select(g => g.Sum(s => s.Runs)).DefaultIfEmpty(0).Max();

    /// <summary>How many commands the writer connection, and the read connection a read session gets from the pool, hold on to.</summary>
    private static async Task<(int Writer, int Reader)> CommandsKeptAsync(IDatabase database)
    {
        int writer, reader;
        await using (var write = await database.BeginAsync(write: true, CancellationToken.None))
        {
            writer = SqliteDriverState.CommandsListed(((SqlSession)write).Connection);
        }
        await using (var read = await database.BeginAsync(write: false, CancellationToken.None))
        {
            reader = SqliteDriverState.CommandsListed(((SqlSession)read).Connection);
        }
        return (writer, reader);
    }
}
