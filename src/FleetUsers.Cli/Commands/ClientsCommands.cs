using System.CommandLine;
using System.Globalization;
using FleetUsers.Application.Clients;
using FleetUsers.Application.Companies;
using FleetUsers.Application.Transfer;
using FleetUsers.Domain;
using FleetUsers.Domain.Roles;
using FleetUsers.Application.Ports;

namespace FleetUsers.Cli.Commands;

/// <summary><c>clients create|list|revoke</c>: API clients for integrations (OAuth 2.0 client credentials).</summary>
public static class ClientsCommands
{
    public static Command Create(CliContext cli)
    {
        var clients = new Command("clients", "API clients: integrations that call the API without a person (POST /api/auth/token).");
        clients.Subcommands.Add(CreateClient(cli));
        clients.Subcommands.Add(ListClients(cli));
        clients.Subcommands.Add(RevokeClient(cli));
        return clients;
    }

    private static Command CreateClient(CliContext cli)
    {
        var company = new Option<string>("--company") { Description = "The company's id, or its exact name.", Required = true };
        var name = new Option<string>("--name") { Description = "What the client is (shown in lists and audit entries).", Required = true };
        var group = new Option<string>("--group") { Description = "The group of its role: a fullPath (Acme\\West) or an id.", Required = true };
        var role = new Option<string>("--role") { Description = "Its role there: a name (Administrator, Coach, ...) or an id. With --scim: the role its users and group members receive.", Required = true };
        var scim = new Option<bool>("--scim") { Description = "A SCIM 2.0 client (/scim/v2): administers the group's subtree and gets a long-lived bearer token too." };
        var command = new Command("create", "Create a client with one role over one group; prints its secret (and a SCIM client's token) once.") { company, name, group, role, scim };
        command.SetRun(cli, async (parse, ct) =>
        {
            var target = await cli.Get<CompanyService>().ResolveAsync(parse.GetValue(company)!, ct);
            UserFileFormat.GroupFinder groups;
            await using (var session = await cli.Get<IDatabase>().BeginAsync(write: false, ct))
            {
                groups = new UserFileFormat.GroupFinder(await session.Groups.LoadTreeAsync(target.Id, ct));
            }
            var groupId = groups.Find(parse.GetValue(group)!)
                ?? throw new NotFoundException($"group {parse.GetValue(group)} is not a group of \"{target.Name}\"");
            var roleId = UserFileFormat.FindRole(parse.GetValue(role)!)
                ?? throw new ValidationFailedException([$"role {parse.GetValue(role)} is not one of: {string.Join(", ", RoleCatalog.All.Select(r => r.Name))}"]);
            var isScim = parse.GetValue(scim);
            var created = isScim
                ? await cli.Get<ApiClientService>().CreateAsync(target.Id, parse.GetValue(name)!, groupId, RoleCatalog.Administrator, ct, scimRoleId: roleId)
                : await cli.Get<ApiClientService>().CreateAsync(target.Id, parse.GetValue(name)!, groupId, roleId, ct);
            var client = created.Details;
            await cli.Out.WriteLineAsync(isScim
                ? $"Created SCIM client \"{client.Name}\" of \"{target.Name}\": administers {created.Details.GroupPath}; its users and group members get {UserFileFormat.RoleText(roleId)}"
                : $"Created API client \"{client.Name}\" of \"{target.Name}\": {UserFileFormat.RoleText(roleId)} in {created.Details.GroupPath}");
            await cli.Out.WriteLineAsync($"  client_id:     {client.Id}");
            await cli.Out.WriteLineAsync($"  client_secret: {created.Secret}");
            if (created.ScimToken is { } token)
            {
                await cli.Out.WriteLineAsync($"  scim_token:    {token}");
                await cli.Out.WriteLineAsync("  (the identity provider's \"Secret Token\" / \"Authorization: Bearer\" header for /scim/v2)");
            }
            await cli.Out.WriteLineAsync("The secret is shown only this once and stored only as a hash: keep it in the integration's secret store.");
            return CliApp.Success;
        });
        return command;
    }

    private static Command ListClients(CliContext cli)
    {
        var company = new Option<string?>("--company") { Description = "Only this company's clients (id or exact name)." };
        var command = new Command("list", "List API clients (tab-separated: client_id, company_id, name, group, role, created, revoked).") { company };
        command.SetRun(cli, async (parse, ct) =>
        {
            Guid? companyId = parse.GetValue(company) is { } given ? (await cli.Get<CompanyService>().ResolveAsync(given, ct)).Id : null;
            await cli.Out.WriteLineAsync("client_id\tcompany_id\tname\tgroup\trole\tcreated\trevoked");
            foreach (var details in await cli.Get<ApiClientService>().ListAsync(companyId, ct))
            {
                                await cli.Out.WriteLineAsync(string.Join('\t', details.Id, details.CompanyId, details.Name, details.GroupPath, UserFileFormat.RoleText(details.RoleId),
                    details.CreatedDate.ToString("u", CultureInfo.InvariantCulture), details.RevokedDate?.ToString("u", CultureInfo.InvariantCulture) ?? "-"));
            }
            return CliApp.Success;
        });
        return command;
    }

    private static Command RevokeClient(CliContext cli)
    {
        var clientId = new Option<Guid>("--client-id") { Description = "The client to revoke; its tokens stop working at once.", Required = true };
        var command = new Command("revoke", "Revoke a client: no new tokens, and its current tokens are refused from the next request on.") { clientId };
        command.SetRun(cli, async (parse, ct) =>
        {
            var id = parse.GetValue(clientId);
            if (!await cli.Get<ApiClientService>().RevokeAsync(id, ct))
            {
                throw new NotFoundException($"No active API client with id {id}");
            }
            await cli.Out.WriteLineAsync($"Revoked API client {id}.");
            return CliApp.Success;
        });
        return command;
    }
}
