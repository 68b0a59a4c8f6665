using FleetUsers.Cli;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>What one command line did: its exit code and what it wrote.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs the operator's command line in-process against a test app's database.</summary>
public static class Cli
{
    public static async Task<CliResult> RunAsync(FleetUsersApp app, params string[] args)
    {
        _ = app.Factory; // skips without PostgreSQL (fails under CI), as every test of the store does
        var settings = new Dictionary<string, string?>(app.StoreSettings)
        {
            ["Auth:Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
            ["Auth:Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
        };
        return await RunAsync(settings, args);
    }

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, settings, output, error, CancellationToken.None);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Asserts exit code 0 and returns the result.</summary>
    public static async Task<CliResult> SucceedAsync(FleetUsersApp app, params string[] args)
    {
        var result = await RunAsync(app, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
