using FleetUsers.Api.Hosting;

WebApplication app;
try
{
    // Settings files sit beside the binaries; the working directory is where ./data goes.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddFleetUsers();
    app = builder.Build();
    await app.BootstrapAsync();
    app.UseFleetUsers();
    await app.StartAsync();
}
catch (Exception e) when (StartupFailure.IsOwnProcess && StartupFailure.Describe(e) is { } problem)
{
    await Console.Error.WriteLineAsync($"FleetUsers cannot start: {problem}");
    return StartupFailure.ExitCode;
}
await app.WaitForShutdownAsync();
return 0;

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
