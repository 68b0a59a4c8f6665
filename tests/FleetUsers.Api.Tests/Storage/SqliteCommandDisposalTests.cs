using System.Collections;
using System.Net;
using System.Reflection;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Ports;
using FleetUsers.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// Found in a profile of PUT (issue 15): Microsoft.Data.Sqlite keeps every command of a connection that was not
/// disposed in a list the connection holds for its whole life, and Dapper's reader left its command undisposed
/// when disposed asynchronously (DapperLib/Dapper#2185). SQLite's writer connection lives as long as the service,
/// so the list grew by one entry per PUT for good (memory, and a walk of the list at each command's disposal).
/// </summary>
public sealed class SqliteCommandDisposalTests(FleetUsersApp app)
{
    private const int Puts = 60;

    [StoreFact(Only = "sqlite")]
    public async Task ManyPutsAndGets_LeaveNoCommandBehindOnTheConnections()
    {
        await using var service = await IsolatedService.StartAsync(app);
        var created = await service.Admin.PostJsonAsync("/v1/users", UserBodies.Create(service.Root));
        await HttpAssert.ExpectAsync(created, HttpStatusCode.Created);
        var userId = (await HttpAssert.ReadObjectAsync(created))["userId"]!.GetValue<string>();
        var database = service.Services.GetRequiredService<IDatabase>();
        var before = await CommandsKeptAsync(database);

        for (var i = 0; i < Puts; i++)
        {
            await HttpAssert.ExpectAsync(await service.Admin.PutJsonAsync($"/v1/users/{userId}", UserBodies.Update(service.Root)), HttpStatusCode.OK);
            await HttpAssert.ExpectAsync(await service.Admin.GetAsync($"/v1/users/{userId}"), HttpStatusCode.OK);
        }

        var after = await CommandsKeptAsync(database);
        Assert.True(after.Writer - before.Writer < Puts / 2,
            $"the writer connection holds {after.Writer} commands after {Puts} PUTs (before: {before.Writer})");
        Assert.True(after.Reader - before.Reader < Puts / 2,
            $"a pooled read connection holds {after.Reader} commands after {Puts} GETs (before: {before.Reader})");
    }

    /// <summary>How many commands the writer connection, and the read connection a read session gets from the pool, hold on to.</summary>
    private static async Task<(int Writer, int Reader)> CommandsKeptAsync(IDatabase database)
    {
        int writer, reader;
        await using (var write = await database.BeginAsync(write: true, CancellationToken.None))
        {
            writer = CommandsOf(((SqlSession)write).Connection);
        }
        await using (var read = await database.BeginAsync(write: false, CancellationToken.None))
        {
            reader = CommandsOf(((SqlSession)read).Connection);
        }
        return (writer, reader);
    }

    private static int CommandsOf(System.Data.Common.DbConnection connection)
    {
        var commands = typeof(SqliteConnection).GetField("_commands", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("Microsoft.Data.Sqlite no longer names its list of commands _commands: look again at how it tracks them");
        return ((ICollection)commands.GetValue((SqliteConnection)connection)!).Count;
    }
}
