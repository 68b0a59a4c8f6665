using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Cli;

/// <summary>
/// The command line as an operator runs it: a separate <c>dotnet FleetUsers.Cli.dll</c> process,
/// configured only by environment variables, on a fresh SQLite database.
/// </summary>
public sealed class CliProcessTests
{
    [Fact]
    public async Task AProcess_MigratesCreatesACompanyAndReportsABadImportRowByLine_ThroughTheEnvironmentsConfiguration()
    {
        using var directory = new TemporaryDirectory();
        Directory.CreateDirectory(directory.Path);
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Sqlite",
            ["ConnectionStrings__Users"] = $"Data Source={Path.Combine(directory.Path, "fleetusers.db")}",
            ["Auth__Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
            ["Auth__Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
        };
        var company = "Process Fleet " + Unique.Suffix();

        var migrate = await RunAsync(environment, directory.Path, "migrate");
        var create = await RunAsync(environment, directory.Path, "companies", "create", "--name", company, "--admin-username", "proc-" + Unique.Suffix());
        await File.WriteAllTextAsync(Path.Combine(directory.Path, "users.csv"),
            $"firstName,lastName,email,groupRoles\nAnn,Lee,ann@example.com,{company}:Driver\nBob,Stone,nope,{company}:Driver\n");
        var import = await RunAsync(environment, directory.Path, "users", "import", "--company", company, "--file", "users.csv");
        var list = await RunAsync(environment, directory.Path, "companies", "list");

        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains("Sqlite database is up to date", migrate.Output, StringComparison.Ordinal);
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains("Generated password", create.Output, StringComparison.Ordinal);
        Assert.Equal(1, import.ExitCode);
        Assert.Contains("line 3: email must be a valid email address", import.Error, StringComparison.Ordinal);
        Assert.Contains($"\t{company}\t", list.Output, StringComparison.Ordinal);
        Assert.EndsWith("\t1\t1", list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.Contains(company, StringComparison.Ordinal)).TrimEnd());
    }

    private static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args) =>
        CliProcess.RunAsync(environment, workingDirectory, args);
}
