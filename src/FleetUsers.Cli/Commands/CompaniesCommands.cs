using System.CommandLine;
using System.Globalization;
using FleetUsers.Application.Companies;

namespace FleetUsers.Cli.Commands;

/// <summary><c>companies create</c> and <c>companies list</c>.</summary>
public static class CompaniesCommands
{
    public static Command Create(CliContext cli)
    {
        var companies = new Command("companies", "Companies (tenants).");
        companies.Subcommands.Add(CreateCompany(cli));
        companies.Subcommands.Add(ListCompanies(cli));
        return companies;
    }

    private static Command CreateCompany(CliContext cli)
    {
        var name = new Option<string>("--name") { Description = "The company's name (also its root group's).", Required = true };
        var adminUsername = new Option<string>("--admin-username") { Description = "Its first administrator (Administrator and Group Manager at the root).", Required = true };
        var adminPassword = new Option<string?>("--admin-password") { Description = "Without it a strong password is generated and printed once." };
        var command = new Command("create", "Create a company with its root group and administrator.") { name, adminUsername, adminPassword };
        command.SetRun(cli, async (parse, ct) =>
        {
            var created = await cli.Get<CompanyService>().CreateAsync(
                parse.GetValue(name)!, parse.GetValue(adminUsername)!, parse.GetValue(adminPassword), ct);
            var company = created.Company;
            await cli.Out.WriteLineAsync($"Created company \"{company.Company.Name}\"");
            await cli.Out.WriteLineAsync($"  company id:    {company.Company.Id}");
            await cli.Out.WriteLineAsync($"  root group id: {company.RootGroup.Id}");
            await cli.Out.WriteLineAsync($"  administrator: {company.Administrator.Username}");
            if (created.GeneratedPassword is { } password)
            {
                await cli.Out.WriteLineAsync($"Generated password for \"{company.Administrator.Username}\" (shown only this once): {password}");
            }
            return CliApp.Success;
        });
        return command;
    }

    private static Command ListCompanies(CliContext cli)
    {
        var command = new Command("list", "List every company (tab-separated: id, name, created, users, groups).");
        command.SetRun(cli, async (_, ct) =>
        {
            await cli.Out.WriteLineAsync("id\tname\tcreated\tusers\tgroups");
            foreach (var c in await cli.Get<CompanyService>().ListAsync(ct))
            {
                await cli.Out.WriteLineAsync(string.Join('\t', c.Id, c.Name, c.CreatedDate.ToString("u", CultureInfo.InvariantCulture), c.UserCount, c.GroupCount));
            }
            return CliApp.Success;
        });
        return command;
    }
}
