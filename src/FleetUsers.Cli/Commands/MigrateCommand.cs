using System.CommandLine;
using FleetUsers.Storage;
using Microsoft.Extensions.Options;

namespace FleetUsers.Cli.Commands;

/// <summary><c>migrate</c>: apply pending migrations and write the role catalogue; nothing else.</summary>
public static class MigrateCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("migrate", "Apply pending database migrations (every command does this first; this does only that).");
        command.SetRun(cli, async (_, _) =>
        {
            // The provider as configured (Storage__Provider), as this line has always said it.
            await cli.Out.WriteLineAsync($"The {cli.Get<IOptions<StorageOptions>>().Value.Provider} database is up to date.");
            return CliApp.Success;
        });
        return command;
    }
}
