using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
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

    /// <summary>migrate writes the role catalogue only when it differs (a current one is read, not rewritten), and then puts it right.</summary>
    [Fact]
    public async Task Migrate_PutsAChangedRoleCatalogueRight()
    {
        using var directory = new TemporaryDirectory();
        var store = SqliteApp.Settings(directory.Path);
        var environment = CliProcess.EnvironmentOf(store);
        Assert.Equal(0, (await CliProcess.RunAsync(environment, directory.Path, "migrate")).ExitCode);
        await using (var connection = new SqliteConnection(store["ConnectionStrings:Users"]))
        {
            await connection.OpenAsync();
            await using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE roles SET description = 'edited by hand' WHERE id = @id";
            edit.Parameters.AddWithValue("@id", RoleCatalog.Administrator);
            await edit.ExecuteNonQueryAsync();
        }

        Assert.Equal(0, (await CliProcess.RunAsync(environment, directory.Path, "migrate")).ExitCode);

        await using var check = new SqliteConnection(store["ConnectionStrings:Users"]);
        await check.OpenAsync();
        await using var read = check.CreateCommand();
        read.CommandText = "SELECT description FROM roles WHERE id = @id";
        read.Parameters.AddWithValue("@id", RoleCatalog.Administrator);
        Assert.Equal(RoleCatalog.All.Single(role => role.Id == RoleCatalog.Administrator).Description, await read.ExecuteScalarAsync());
    }

    /// <summary>
    /// migrate on a current file only reads: it finishes while another connection holds the writer's lock (a service
    /// starting beside it), where a write would wait out the busy timeout and fail.
    /// </summary>
    [Fact]
    public async Task Migrate_OnACurrentFile_DoesNotWaitForTheWritersLock()
    {
        using var directory = new TemporaryDirectory();
        var store = SqliteApp.Settings(directory.Path);
        var environment = CliProcess.EnvironmentOf(store);
        Assert.Equal(0, (await CliProcess.RunAsync(environment, directory.Path, "migrate")).ExitCode);
        await using var writer = new SqliteConnection(store["ConnectionStrings:Users"]);
        await writer.OpenAsync();
        await using var begin = writer.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();

        var result = await CliProcess.RunAsync(environment, directory.Path, "migrate");

        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
