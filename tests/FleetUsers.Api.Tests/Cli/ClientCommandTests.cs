using System.Net;
using System.Text.RegularExpressions;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Cli;

/// <summary>clients create|list|revoke, and the client they make calling the API.</summary>
public sealed partial class ClientCommandTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Create_PrintsTheIdAndSecretOnce_TheClientGetsATokenAndCallsTheApi_AndRevokeStopsIt()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var driver = await company.CreateUserAsync(west);
        var rootPath = (await company.Admin.GetGroupAsync(company.RootId))["fullPath"]!.GetValue<string>();

        var created = await Infrastructure.Cli.SucceedAsync(app, "clients", "create", "--company", company.CompanyId.ToString(),
            "--name", "Payroll sync", "--group", rootPath + "\\West", "--role", "coach");

        var id = ClientId().Match(created.Output).Groups[1].Value;
        var secret = ClientSecret().Match(created.Output).Groups[1].Value;
        var token = await app.CreateClient().PostAsync("/api/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = secret,
        }));
        await HttpAssert.ExpectAsync(token, HttpStatusCode.OK);
        var client = app.CreateClient((await HttpAssert.ReadObjectAsync(token))["access_token"]!.GetValue<string>());
        await HttpAssert.ExpectAsync(await client.GetAsync($"/v1/users/{driver.Id}"), HttpStatusCode.OK);

        var listed = await Infrastructure.Cli.SucceedAsync(app, "clients", "list", "--company", company.CompanyId.ToString());
        Assert.Contains($"{id}\t{company.CompanyId}\tPayroll sync\t{rootPath}\\West\tCoach", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.Output, StringComparison.Ordinal);

        await Infrastructure.Cli.SucceedAsync(app, "clients", "revoke", "--client-id", id);
        await HttpAssert.ExpectEmptyAsync(await client.GetAsync($"/v1/users/{driver.Id}"), HttpStatusCode.Unauthorized);
        Assert.Equal(1, (await Infrastructure.Cli.RunAsync(app, "clients", "revoke", "--client-id", id)).ExitCode);
    }

    [StoreFact]
    public async Task Create_WithAnUnknownGroupOrRole_Exits1()
    {
        var company = await app.NewCompanyAsync();
        var other = await app.NewCompanyAsync();

        var unknownGroup = await Infrastructure.Cli.RunAsync(app, "clients", "create", "--company", company.CompanyId.ToString(),
            "--name", "x", "--group", other.RootId.ToString(), "--role", "Coach");
        var unknownRole = await Infrastructure.Cli.RunAsync(app, "clients", "create", "--company", company.CompanyId.ToString(),
            "--name", "x", "--group", company.RootId.ToString(), "--role", "Pilot");

        Assert.Equal(1, unknownGroup.ExitCode);
        Assert.Contains("group", unknownGroup.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknownRole.ExitCode);
        Assert.Contains("role Pilot", unknownRole.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"client_id:\s+(\S+)")]
    private static partial Regex ClientId();

    [GeneratedRegex(@"client_secret:\s+(\S+)")]
    private static partial Regex ClientSecret();
}
