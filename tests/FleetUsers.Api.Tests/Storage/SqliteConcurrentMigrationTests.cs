using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// Suspicion (issue 9, item 12): the service and the command line migrating the same SQLite file
/// at once. Each applies the migrations missing from the journal; without a lock across processes
/// two of them run the same script, and one fails ("table companies already exists").
/// </summary>
public sealed class SqliteConcurrentMigrationTests
{
    [Fact]
    public async Task TheServiceAndCommandLinesMigratingOneNewFileAtOnce_AllSucceed_AndEachScriptRunsOnce()
    {
        using var directory = new TemporaryDirectory();
        var store = SqliteApp.Settings(directory.Path);
        var environment = CliProcess.EnvironmentOf(store);
        environment["Auth__Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib;
        environment["Auth__Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations;

        await using var service = ServerProcess.Start(new Dictionary<string, string?>(store)
        {
            ["Auth:Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
            ["Auth:Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
            ["Bootstrap:AdminPassword"] = "Concurrent-Pass-1",
        });
        var commandLines = Enumerable.Range(0, 6).Select(_ => CliProcess.RunAsync(environment, directory.Path, "migrate")).ToList();

        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        foreach (var result in await Task.WhenAll(commandLines))
        {
            Assert.True(result.ExitCode == 0, result.ToString());
        }
        await using var connection = new SqliteConnection(store["ConnectionStrings:Users"]);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) - COUNT(DISTINCT scriptname) FROM schema_versions";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
        using var client = service.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
