using System.Net;
using System.Net.Sockets;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Hosting;

/// <summary>
/// Configuration mistakes as a new user makes them, with real processes: the service and the
/// command line each print one line on standard error saying what to set, and exit with 1,
/// without a stack trace.
/// </summary>
public sealed class StartupErrorTests
{
    private const string Key = "a-signing-key-long-enough-for-hmac-sha256-0123456789";
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=fleetusers;Password=x;Database=fleetusers;Timeout=3";

    public static TheoryData<string, string, string> ServiceMistakes => new()
    {
        { "PostgreSQL without a signing key", $"Storage:Provider=Postgres|ConnectionStrings:Users={Unreachable}", "Auth__SigningKey" },
        { "a signing key too short", "Auth:SigningKey=short", "Auth__SigningKey" },
        { "an unknown provider", "Storage:Provider=Mysql", "Storage__Provider" },
        { "PostgreSQL without a connection string", $"Storage:Provider=Postgres|Auth:SigningKey={Key}", "ConnectionStrings__Users" },
        { "a malformed PostgreSQL connection string", $"Storage:Provider=Postgres|ConnectionStrings:Users=garbage|Auth:SigningKey={Key}", "ConnectionStrings__Users" },
        { "an unreachable PostgreSQL", $"Storage:Provider=Postgres|ConnectionStrings:Users={Unreachable}|Auth:SigningKey={Key}", "ConnectionStrings__Users" },
        { "a malformed SQLite connection string", "ConnectionStrings:Users=Bogus=1", "ConnectionStrings__Users" },
        { "a SQLite file where none can be made", "ConnectionStrings:Users=Data Source={dir}/a-file/fleetusers.db", "ConnectionStrings__Users" },
        { "a timeout that is not a number", "Storage:CommandTimeoutSeconds=abc", "Storage__CommandTimeoutSeconds" },
        { "a timeout of 0", "Storage:CommandTimeoutSeconds=0", "Storage__CommandTimeoutSeconds" },
        { "a password directory that is a file", "Bootstrap:PasswordDirectory={dir}/a-file", "Bootstrap__PasswordDirectory" },
        { "a token lifetime that is not a duration", "Auth:TokenLifetime=an hour", "Auth__TokenLifetime" },
        { "a weak bootstrap password", "Bootstrap:AdminPassword=weak", "Bootstrap__AdminPassword" },
        { "a body limit of 0", "Limits:MaxBodyBytes=0", "Limits__MaxBodyBytes" },
        { "a login limit of 0", "Login:MaxFailuresPerUsername=0", "Login" },
        { "Argon2 memory below libsodium's floor", "Auth:Argon2MemoryKib=4", "Auth__Argon2MemoryKib" },
        { "Argon2 memory that is not a number", "Auth:Argon2MemoryKib=19MiB", "Auth__Argon2MemoryKib" },
        { "Argon2 memory past what the binding takes", "Auth:Argon2MemoryKib=4194304", "Auth__Argon2MemoryKib" },
        { "Argon2 iterations of 0", "Auth:Argon2Iterations=0", "Auth__Argon2Iterations" },
        { "a negative audit retention", "Audit:RetentionDays=-1", "Audit__RetentionDays" },
        { "an address already in use", "", "ASPNETCORE_URLS" },
    };

    public static TheoryData<string, string, string> CommandLineMistakes => new()
    {
        { "an unknown provider", "Storage:Provider=Mysql", "Storage__Provider" },
        { "PostgreSQL without a connection string", "Storage:Provider=Postgres", "ConnectionStrings__Users" },
        { "an unreachable PostgreSQL", $"Storage:Provider=Postgres|ConnectionStrings:Users={Unreachable}", "ConnectionStrings__Users" },
        { "a malformed SQLite connection string", "ConnectionStrings:Users=Bogus=1", "ConnectionStrings__Users" },
        { "a SQLite file where none can be made", "ConnectionStrings:Users=Data Source={dir}/a-file/fleetusers.db", "ConnectionStrings__Users" },
        { "a provider by a number that is none", "Storage:Provider=7", "Storage__Provider" },
        { "a timeout that is not a number", "Storage:CommandTimeoutSeconds=abc", "Storage__CommandTimeoutSeconds" },
    };

    [Theory]
    [MemberData(nameof(ServiceMistakes))]
    public async Task TheService_StartedWith_PrintsOneLineNamingTheSetting_AndExits1(string mistake, string settings, string variable)
    {
        using var directory = new TemporaryDirectory();
        using var taken = new TcpListener(IPAddress.Loopback, 0); // holds an address, for the case that needs one in use
        taken.Start();
        var address = settings.Length == 0 ? new Uri($"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}") : null;

        await using var service = ServerProcess.Start(Settings(directory, settings), directory.Path, address);
        var exit = await service.ExitCodeAsync(TimeSpan.FromSeconds(90));

        Assert.True(exit == 1, $"{mistake}: exit {exit}\n{service.Output}");
        var line = Assert.Single(Lines(service.Error));
        Assert.StartsWith("FleetUsers cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(variable == "ASPNETCORE_URLS" ? "--urls or ASPNETCORE_URLS" : variable, line.Replace(':', '_'), StringComparison.Ordinal);
        NoStackTrace(service.Output);
    }

    [Theory]
    [MemberData(nameof(CommandLineMistakes))]
    public async Task TheCommandLine_RunWith_PrintsOneLineNamingTheSetting_AndExits1(string mistake, string settings, string variable)
    {
        using var directory = new TemporaryDirectory();

        var result = await CliProcess.RunAsync(CliProcess.EnvironmentOf(Settings(directory, settings)), directory.Path, "companies", "list");

        Assert.True(result.ExitCode == 1, $"{mistake}: {result}");
        var line = Assert.Single(Lines(result.Error));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(variable, line, StringComparison.Ordinal);
        NoStackTrace(result.Output + result.Error);
    }

    /// <summary>"Key=value|Key=value" over a SQLite database in the directory; {dir} stands for the directory, where a-file is a file.</summary>
    private static Dictionary<string, string?> Settings(TemporaryDirectory directory, string given)
    {
        Directory.CreateDirectory(directory.Path);
        File.WriteAllText(Path.Combine(directory.Path, "a-file"), "not a directory");
        var settings = new Dictionary<string, string?>(SqliteApp.Settings(directory.Path))
        {
            ["Auth:Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
            ["Auth:Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
        };
        foreach (var pair in given.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            settings[pair[..equals]] = pair[(equals + 1)..].Replace("{dir}", directory.Path, StringComparison.Ordinal);
        }
        return settings;
    }

    private static List<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

    private static void NoStackTrace(string output)
    {
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }
}
