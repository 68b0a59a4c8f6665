using System.Net;
using System.Text.RegularExpressions;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using static FleetUsers.Api.Tests.Infrastructure.ScimCalls;

namespace FleetUsers.Api.Tests.Scim;

/// <summary>Who may call /scim/v2 (SCIM clients only, revocable at once), the CLI that makes them, and the discovery documents.</summary>
public sealed partial class ScimAccessTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Discovery_AnswersScimJson_TrueToWhatIsImplemented()
    {
        var company = await app.NewCompanyAsync();
        var scim = await company.NewScimClientAsync(company.RootId, RoleCatalog.Driver);

        var config = await ExpectScimAsync(await scim.Http.ScimGetAsync("/ServiceProviderConfig"), HttpStatusCode.OK);
        Assert.True(config["patch"]!["supported"]!.GetValue<bool>());
        Assert.True(config["filter"]!["supported"]!.GetValue<bool>());
        Assert.Equal(1000, config["filter"]!["maxResults"]!.GetValue<int>());
        Assert.False(config["bulk"]!["supported"]!.GetValue<bool>());
        Assert.False(config["sort"]!["supported"]!.GetValue<bool>());
        Assert.True(config["etag"]!["supported"]!.GetValue<bool>());
        var types = await ExpectScimAsync(await scim.Http.ScimGetAsync("/ResourceTypes"), HttpStatusCode.OK);
        // What is served, and only that.
        Assert.Equal(["User", "Group"], types["Resources"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        var schemas = await ExpectScimAsync(await scim.Http.ScimGetAsync("/Schemas"), HttpStatusCode.OK);
        Assert.Equal([UserUrn, EnterpriseUrn, GroupUrn], schemas["Resources"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        var groupType = await ExpectScimAsync(await scim.Http.ScimGetAsync("/ResourceTypes/Group"), HttpStatusCode.OK);
        Assert.Equal("/Groups", groupType["endpoint"]!.GetValue<string>());
        await ExpectScimErrorAsync(await scim.Http.ScimGetAsync("/ResourceTypes/Device"), HttpStatusCode.NotFound, null);
        await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Schemas/{UserUrn}"), HttpStatusCode.OK);
        await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Schemas/{GroupUrn}"), HttpStatusCode.OK);
        await ExpectScimErrorAsync(await scim.Http.ScimGetAsync("/Schemas/urn:nothing"), HttpStatusCode.NotFound, null);
    }

    [StoreFact]
    public async Task WithoutAScimClientsToken_Answers401_AndARevokedClientIsRefusedAtOnce()
    {
        var company = await app.NewCompanyAsync();
        var scim = await company.NewScimClientAsync(company.RootId, RoleCatalog.Driver);
        var (_, plainClient) = await company.NewApiClientCallerAsync(company.RootId, RoleCatalog.Administrator);
        var tampered = scim.Token[..^2] + (scim.Token.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");

        foreach (var client in new[] { app.CreateClient(), app.CreateClient(tampered), app.CreateClient("scim.nothing"), plainClient, company.Admin })
        {
            var refused = await client.ScimGetAsync("/Users");
            await ExpectScimErrorAsync(refused, HttpStatusCode.Unauthorized, null);
        }
        await ExpectScimAsync(await scim.Http.ScimGetAsync("/Users"), HttpStatusCode.OK);

        await Infrastructure.Cli.SucceedAsync(app, "clients", "revoke", "--client-id", scim.Id.ToString());
        await ExpectScimErrorAsync(await scim.Http.ScimGetAsync("/Users"), HttpStatusCode.Unauthorized, null);
    }

    [StoreFact]
    public async Task CliCreateScim_PrintsATokenOnce_ThatCallsScim_WithTheGroupAndRoleGiven()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var rootPath = (await company.Admin.GetGroupAsync(company.RootId))["fullPath"]!.GetValue<string>();

        var created = await Infrastructure.Cli.SucceedAsync(app, "clients", "create", "--scim", "--company", company.CompanyId.ToString(),
            "--name", "Entra ID", "--group", rootPath + "\\West", "--role", "Driver");

        var token = ScimToken().Match(created.Output).Groups[1].Value;
        var scim = app.CreateClient(token);
        var user = await ExpectScimAsync(await scim.ScimAsync(HttpMethod.Post, "/Users",
            EntraUser("cli" + Unique.Suffix(), "e", "cli@example.com").ToJsonString()), HttpStatusCode.Created);
        var roles = (await company.GetUserAsync(Guid.Parse(user["id"]!.GetValue<string>())))["groupRoles"]!.AsArray();
        Assert.Equal(west.ToString(), roles.Single()!["groupId"]!.GetValue<string>());
        Assert.Equal(RoleCatalog.Driver, roles.Single()!["roleId"]!.GetValue<int>());
        var listed = await Infrastructure.Cli.SucceedAsync(app, "clients", "list", "--company", company.CompanyId.ToString());
        Assert.DoesNotContain(token, listed.Output, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task TheApiReference_ListsTheScimRoutes_AndSaysHowToConnectEntraAndOkta()
    {
        var document = await HttpAssert.ReadObjectAsync(await app.CreateClient().GetAsync("/openapi/v1.json"));
        Assert.NotNull(document["paths"]!["/scim/v2/Groups/{id}"]!["patch"]);
        var tag = document["tags"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "SCIM")!;
        var description = tag["description"]!.GetValue<string>();
        Assert.Contains("Microsoft Entra ID", description, StringComparison.Ordinal);
        Assert.Contains("Okta", description, StringComparison.Ordinal);
        Assert.Contains("clients create --scim", description, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"scim_token:\s+(\S+)")]
    private static partial Regex ScimToken();
}
