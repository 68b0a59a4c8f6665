using FleetUsers.Cli;

// The operator's command line: `dotnet run --project src/FleetUsers.Cli -- <command>`.
// It reads the same configuration as the service (environment variables, ASP.NET style).
return await CliApp.RunAsync(args, new Dictionary<string, string?>(), Console.Out, Console.Error, CancellationToken.None);
