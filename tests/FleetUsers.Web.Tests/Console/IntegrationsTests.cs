using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FleetUsers.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FleetUsers.Web.Tests.Console;

public sealed class IntegrationsTestsOnSqlite(Chromium chromium, SqliteConsole app) : IntegrationsTests(chromium, app);

public sealed class IntegrationsTestsOnPostgres(Chromium chromium, PostgresConsole app) : IntegrationsTests(chromium, app);

/// <summary>Integrations: API and SCIM clients created (the secret shown once, with a copy button), listed, revoked.</summary>
public abstract class IntegrationsTests(Chromium chromium, ConsoleApp app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task AnApiClient_ShowsItsSecretOnce_TheSecretGetsAToken_AndRevokingItEndsTheToken()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync("/console/integrations");
        await Expect(page.GetByText("No API clients yet.")).ToBeVisibleAsync();

        var answer = await page.RunAndWaitForResponseAsync(
            () => ConsolePages.SubmitNewClientAsync(page, "Payroll sync", company.Name, "Coach"),
            response => response.Request.Method == "POST");

        Assert.Contains("no-store", (await answer.AllHeadersAsync()).GetValueOrDefault("cache-control") ?? "", StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Payroll sync is created" })).ToBeVisibleAsync();
        var clientId = (await page.Locator("#new-client-id").TextContentAsync())!.Trim();
        var secret = (await page.Locator("#new-client-secret").TextContentAsync())!.Trim();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy the client secret" }).ClickAsync();
        await Expect(page.Locator("#new-client-secret ~ .copy-status")).ToHaveTextAsync("Copied.");
        Assert.Equal(secret, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        var row = page.Locator("table.clients tbody tr");
        await Expect(row).ToHaveTextAsync([new Regex($"^Payroll sync\\s*API\\s*{Regex.Escape(company.Name)}\\s*Coach\\s*.+UTC\\s*Active\\s*Revoke$")]);

        // The secret works: a token, and the API as a Coach at the root.
        using var api = App.Server.CreateClient();
        var token = await ClientTokenAsync(api, clientId, secret);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(api, "/v1/users", token)).StatusCode);

        // Shown once: the list again has no secret.
        await page.ReloadAsync();
        await Expect(page.Locator("table.clients tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#new-client-secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Revoke Payroll sync" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke Payroll sync" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "revoked" })).ToHaveTextAsync("Payroll sync is revoked: its secret and tokens no longer work.");
        await Expect(row).ToHaveTextAsync([new Regex("Revoked \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\s*$")]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api, "/v1/users", token)).StatusCode);
        var evt = Assert.Single(await RevocationEventsAsync(company))!;
        Assert.Equal(clientId, evt["subject"]!["id"]!.GetValue<string>());
        Assert.Equal(company.AdminUsername, evt["actor"]!["name"]!.GetValue<string>()); // the administrator, not "command line"
    }

    [Fact]
    public async Task AScimClient_ShowsItsTokenAndBaseUrl_AndTheTokenOpensScim()
    {
        var company = await App.NewCompanyAsync();
        await company.AddGroupAsync("West");
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync("/console/integrations");

        await ConsolePages.SubmitNewClientAsync(page, "Entra ID", $"{company.Name} / West", "Driver", scim: true);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Entra ID is created" })).ToBeVisibleAsync();
        var baseUrl = (await page.Locator("#new-scim-url").TextContentAsync())!.Trim();
        var scimToken = (await page.Locator("#new-scim-token").TextContentAsync())!.Trim();
        Assert.Equal(new Uri(App.Server.Address, "/scim/v2").ToString(), baseUrl);
        await Expect(page.Locator("table.clients tbody tr")).ToHaveTextAsync([new Regex($"^Entra ID\\s*SCIM\\s*{Regex.Escape(company.Name)}\\\\West\\s*Administrator; gives Driver")]);
        using var api = App.Server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(api, baseUrl + "/Users", scimToken)).StatusCode);
    }

    [Fact]
    public async Task ANewClientWithoutNameOrGroup_ShowsBothProblemsAtTheirFields_AndCreatesNothing()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync("/console/integrations");

        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Coach" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();

        await Expect(page.Locator("#groupId-error")).ToContainTextAsync("choose the group");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("2 problems");
        await Expect(page.GetByLabel("Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#name-error")).ToContainTextAsync("name");
        await Expect(page.GetByText("No API clients yet.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnotherCompanysClient_IsNeitherListedNorOfferedForRevoking()
    {
        var mine = await App.NewCompanyAsync();
        var theirs = await App.NewCompanyAsync();
        var theirPage = await OpenAsync();
        await ConsolePages.SignInAsync(theirPage, theirs.AdminUsername);
        await theirPage.GotoAsync("/console/integrations");
        await ConsolePages.SubmitNewClientAsync(theirPage, "Their payroll", theirs.Name, "Coach");
        var theirClient = (await theirPage.Locator("#new-client-id").TextContentAsync())!.Trim();

        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, mine.AdminUsername);
        await page.GotoAsync($"/console/integrations?revoke={theirClient}");

        await Expect(page.GetByText("No API clients yet.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Revoke Their payroll" })).ToHaveCountAsync(0);
    }

    /// <summary>The company's client.revoked events, once there is one (or after a minute): on PostgreSQL an event shows once every older transaction on the server has ended.</summary>
    private static async Task<JsonArray> RevocationEventsAsync(TestCompany company)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var events = (await Infrastructure.Api.GetAsync(company.Admin, "/v1/events?types=client.revoked"))["data"]!.AsArray();
            if (events.Count > 0 || DateTime.UtcNow > deadline)
            {
                return events;
            }
            await Task.Delay(100);
        }
    }

    private static async Task<string> ClientTokenAsync(HttpClient api, string clientId, string secret)
    {
        var response = await api.PostAsync("/api/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient api, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await api.SendAsync(request);
    }
}
