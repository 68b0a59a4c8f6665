using System.CommandLine;
using FleetUsers.Application;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Provisioning;
using FleetUsers.Cli.Commands;
using FleetUsers.Domain;
using FleetUsers.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Cli;

/// <summary>What every command is given: the application's services and where to write.</summary>
public sealed class CliContext(IServiceProvider services, TextWriter output, TextWriter error)
{
    public IServiceProvider Services { get; } = services;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>
/// The command line: the same configuration and services as the service
/// (<see cref="ServiceCollectionExtensions.AddFleetUsersApplication"/>), and a command tree.
/// Tests call <see cref="RunAsync"/> in-process with settings of their own.
/// </summary>
public static class CliApp
{
    public const int Success = 0;
    public const int Refused = 1;

    /// <summary>Runs one command line; <paramref name="settings"/> override the environment (tests point them at a database).</summary>
    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string?> settings, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings)
            .Build();
        await using var services = new ServiceCollection().AddFleetUsersApplication(configuration).AddFleetUsersStorage(configuration).BuildServiceProvider();
        var cli = new CliContext(services, output, error);

        var root = new RootCommand("FleetUsers operator commands. Configuration as for the service: Storage__Provider, ConnectionStrings__Users.")
        {
            MigrateCommand.Create(cli),
            CompaniesCommands.Create(cli),
            UsersCommands.Create(cli),
            ClientsCommands.Create(cli),
        };
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
    }

    /// <summary>
    /// Sets a command's action: the schema is brought up to date first (as the service does at
    /// start-up), and refusals print one line per problem with exit code 1.
    /// </summary>
    public static void SetRun(this Command command, CliContext cli, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                await cli.Get<Bootstrapper>().MigrateAsync(ct);
                return await action(parse, ct);
            }
            catch (RequestRefusedException e)
            {
                foreach (var problem in e.Problems)
                {
                    await cli.Error.WriteLineAsync($"error: {problem}");
                }
                return Refused;
            }
            catch (Exception e) when (e is not StartupException && cli.Get<IDatabase>().IsUnavailable(e))
            {
                await cli.Error.WriteLineAsync($"error: the database is unavailable ({e.Message})");
                return Refused;
            }
            catch (Exception e) when (StartupProblems.Describe(e) is { } problem)
            {
                // A setting or the database stops the command: one line saying what to set, no stack trace.
                await cli.Error.WriteLineAsync($"error: {problem}");
                return Refused;
            }
        });
}
