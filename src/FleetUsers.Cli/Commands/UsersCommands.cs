using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FleetUsers.Application.Companies;
using FleetUsers.Application.Transfer;
using FleetUsers.Application.Users;
using FleetUsers.Cli.Files;

namespace FleetUsers.Cli.Commands;

/// <summary><c>users import</c>, <c>users export</c> and <c>users reset-password</c>.</summary>
public static class UsersCommands
{
    public static Command Create(CliContext cli)
    {
        var users = new Command("users", "Users: bulk import and export (CSV), password resets.");
        users.Subcommands.Add(Import(cli));
        users.Subcommands.Add(Export(cli));
        users.Subcommands.Add(ResetPassword(cli));
        return users;
    }

    private static Option<string> CompanyOption() =>
        new("--company") { Description = "The company's id, or its exact name.", Required = true };

    private static Command Import(CliContext cli)
    {
        var company = CompanyOption();
        var file = new Option<FileInfo>("--file") { Description = "A CSV file with a header row; see the README for its columns.", Required = true };
        var command = new Command("import", "Import users from CSV, all or nothing: any bad row (reported by line) imports none.") { company, file };
        command.SetRun(cli, async (parse, ct) =>
        {
            var target = await cli.Get<CompanyService>().ResolveAsync(parse.GetValue(company)!, ct);
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await cli.Error.WriteLineAsync($"error: no file {path.FullName}");
                return CliApp.Refused;
            }
            var clock = Stopwatch.StartNew();
            CsvReadResult read;
            using (var reader = new StreamReader(path.FullName))
            {
                read = CsvUserFile.Read(reader);
            }
            if (read.HeaderProblem is { } headerProblem)
            {
                await cli.Error.WriteLineAsync($"error: {headerProblem}");
                return CliApp.Refused;
            }
            var progress = new ProgressBar(cli.Error, interactive: ReferenceEquals(cli.Error, Console.Error) && !Console.IsErrorRedirected);
            var report = await cli.Get<UserImportService>().ImportAsync(target.Id, read.Rows, read.Problems, progress, ct);
            if (!report.Succeeded)
            {
                foreach (var problem in report.Problems)
                {
                    await cli.Error.WriteLineAsync(problem.Line > 0 ? $"line {problem.Line}: {problem.Message}" : problem.Message);
                }
                var badRows = report.Problems.Select(p => p.Line).Distinct().Count(l => l > 0);
                await cli.Error.WriteLineAsync($"Nothing was imported: {badRows} of {report.Rows} rows are bad. Fix them and run the import again.");
                return CliApp.Refused;
            }
            await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Imported {report.Imported:N0} users into \"{target.Name}\" in {clock.Elapsed.TotalSeconds:F1} s. They cannot log in until an administrator gives them a password."));
            return CliApp.Success;
        });
        return command;
    }

    private static Command Export(CliContext cli)
    {
        var company = CompanyOption();
        var file = new Option<FileInfo?>("--file") { Description = "Where to write the CSV; standard output without it." };
        var command = new Command("export", "Export a company's users as CSV, in the import format.") { company, file };
        command.SetRun(cli, async (parse, ct) =>
        {
            var target = await cli.Get<CompanyService>().ResolveAsync(parse.GetValue(company)!, ct);
            var rows = cli.Get<UserExportService>().ExportAsync(target.Id, ct);
            if (parse.GetValue(file) is { } path)
            {
                await using var writer = new StreamWriter(path.FullName);
                await CsvUserFile.WriteAsync(writer, rows, ct);
                await cli.Error.WriteLineAsync($"Wrote {path.FullName}");
            }
            else
            {
                await CsvUserFile.WriteAsync(cli.Out, rows, ct);
            }
            return CliApp.Success;
        });
        return command;
    }

    private static Command ResetPassword(CliContext cli)
    {
        var username = new Option<string>("--username") { Description = "The user, in any company.", Required = true };
        var password = new Option<string?>("--password") { Description = "The new password; without it one is generated and printed once." };
        var command = new Command("reset-password", "Set a new password for a user (say, a locked-out administrator).") { username, password };
        command.SetRun(cli, async (parse, ct) =>
        {
            var reset = await cli.Get<FleetUsers.Application.Users.ResetPassword>().ExecuteAsync(parse.GetValue(username)!, parse.GetValue(password), ct);
            await cli.Out.WriteLineAsync($"Password of \"{reset.Username}\" reset.");
            if (reset.GeneratedPassword is { } generated)
            {
                await cli.Out.WriteLineAsync($"Generated password (shown only this once): {generated}");
            }
            if (!reset.CanLogIn)
            {
                await cli.Out.WriteLineAsync("Note: this user cannot log in (loginEnabled is false or the status is not Active); an administrator can change that with PUT /v1/users/{userId}.");
            }
            return CliApp.Success;
        });
        return command;
    }
}
