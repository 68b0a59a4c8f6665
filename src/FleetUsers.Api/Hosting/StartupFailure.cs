using System.Reflection;
using FleetUsers.Application;

namespace FleetUsers.Api.Hosting;

/// <summary>A start that fails because of a setting, the database or the address: one line on standard error and exit code 1.</summary>
public static class StartupFailure
{
    public const int ExitCode = 1;

    /// <summary>
    /// True when the service runs as its own process. Under WebApplicationFactory (the tests) the
    /// entry assembly is the test project's, and the failure goes to the test as an exception.
    /// </summary>
    public static bool IsOwnProcess => Assembly.GetEntryAssembly() == typeof(Program).Assembly;

    /// <summary>The line to print, or null for a failure that is not about configuration (a bug keeps its stack trace).</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        IOException e when e.Message.StartsWith("Failed to bind", StringComparison.Ordinal) =>
            $"{e.Message.TrimEnd('.')}: set --urls or ASPNETCORE_URLS to an address that is free",
        FormatException e when e.Message.StartsWith("Invalid url", StringComparison.Ordinal) =>
            $"{e.Message.TrimEnd('.')}: set --urls or ASPNETCORE_URLS to an address such as {HostSetup.DefaultUrl}",
        _ => StartupProblems.Describe(exception),
    };
}
