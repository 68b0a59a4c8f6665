using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Ports;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// The statements of a GET and a PUT on SQLite are compiled once per connection and run again (issue 15;
/// <see cref="SqliteStatementCacheTests"/> has the rules of the cache and of the readers' pool).
/// </summary>
public sealed class SqliteStatementReuseTests(FleetUsersApp app)
{
    private const int Requests = 30;

    [StoreFact(Only = "sqlite")]
    public async Task RepeatedGetsAndPuts_RunStatementsCompiledOnce()
    {
        await using var service = await IsolatedService.StartAsync(app);
        var created = await service.Admin.PostJsonAsync("/v1/users", UserBodies.Create(service.Root));
        await HttpAssert.ExpectAsync(created, HttpStatusCode.Created);
        var userId = (await HttpAssert.ReadObjectAsync(created))["userId"]!.GetValue<string>();

        for (var i = 0; i < Requests; i++)
        {
            var body = UserBodies.Update(service.Root);
            body["lastName"] = "Cached " + Unique.Letters();
            await HttpAssert.ExpectAsync(await service.Admin.PutJsonAsync($"/v1/users/{userId}", body), HttpStatusCode.OK);
            await HttpAssert.ExpectAsync(await service.Admin.GetAsync($"/v1/users/{userId}"), HttpStatusCode.OK);
        }

        var database = service.Services.GetRequiredService<IDatabase>();
        await using (var write = await database.BeginAsync(write: true, CancellationToken.None))
        {
            var most = SqliteStatementCacheTests.MostRun(((SqlSession)write).Connection);
            Assert.True(most >= Requests, $"the writer's most used statement ran {most} times in {Requests} PUTs");
        }
        // The GETs' read sessions took turns on the kept readers (background work may have added one): hold
        // more read sessions than there are kept readers at once, so each of them is seen, and add up each
        // statement's runs over them.
        var reads = new List<IAsyncDisposable>();
        try
        {
            var runs = new Dictionary<string, int>();
            for (var i = 0; i < 16; i++)
            {
                var read = await database.BeginAsync(write: false, CancellationToken.None);
                reads.Add(read);
                foreach (var (sql, count) in SqliteStatementCacheTests.Statements(((SqlSession)read).Connection))
                {
                    runs[sql] = runs.GetValueOrDefault(sql) + count;
                }
            }
            var most = runs.Values.DefaultIfEmpty(0).Max();
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
}
