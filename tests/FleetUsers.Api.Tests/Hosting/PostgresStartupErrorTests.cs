using FleetUsers.Api.Tests.Infrastructure;
using Npgsql;

namespace FleetUsers.Api.Tests.Hosting;

/// <summary>A PostgreSQL server that is there but refuses: one line saying what to set, exit code 1, as a real process.</summary>
public sealed class PostgresStartupErrorTests(PostgresApp app)
{
    [StoreTheory(Only = "postgres")]
    [InlineData("a wrong password", "Password", "refused the login")]
    [InlineData("a database that does not exist", "Database", "does not exist")]
    public async Task TheService_StartedWith_PrintsOneLineNamingTheSetting_AndExits1(string mistake, string keyword, string says)
    {
        _ = app.Factory; // skips without PostgreSQL (fails under CI)
        var connection = new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString);
        if (keyword == "Password")
        {
            connection.Password = "not-the-password-" + Unique.Suffix();
        }
        else
        {
            connection.Database = "fleetusers_missing_" + Unique.Suffix();
        }
        using var directory = new TemporaryDirectory();
        Directory.CreateDirectory(directory.Path);

        await using var service = ServerProcess.Start(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Users"] = connection.ToString(),
            ["Auth:SigningKey"] = app.SigningKey,
        }, directory.Path);
        var exit = await service.ExitCodeAsync(TimeSpan.FromSeconds(90));

        Assert.True(exit == 1, $"{mistake}: exit {exit}\n{service.Output}");
        var line = Assert.Single(service.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("FleetUsers cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.Contains($"{keyword} in ConnectionStrings__Users", line, StringComparison.Ordinal);
        if (keyword == "Password")
        {
            Assert.DoesNotContain(connection.Password!, service.Output, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("   at ", service.Output, StringComparison.Ordinal);
    }
}
