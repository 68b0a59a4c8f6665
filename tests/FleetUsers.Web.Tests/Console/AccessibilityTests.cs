using FleetUsers.Domain.Roles;
using FleetUsers.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FleetUsers.Web.Tests.Console;

/// <summary>
/// axe-core finds no serious or critical violation on any page, at 1280×800 and at phone width
/// (375 px), where no console page scrolls sideways either. The markup does not depend on the store,
/// so SQLite alone serves. (/docs has the same check, in DocsTests.)
/// </summary>
public sealed class AccessibilityTests(Chromium chromium, SqliteConsole app) : BrowserTest(chromium, app)
{
    private static readonly string[] ConsolePaths =
        ["/console", "/console/users", "/console/groups", "/console/import-export", "/console/integrations", "/console/forbidden"];

    public static TheoryData<string> Viewports => ["desktop", "phone"];

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task EveryPage_HasNoSeriousOrCriticalViolation_AndFitsTheScreen(string viewport)
    {
        var company = await App.NewCompanyAsync();
        var reviewer = await company.CreateUserAsync(company.RootId, RoleCatalog.VideoReviewer); // every part of the user form shows
        var west = await company.AddGroupAsync("West");
        await company.AddGroupAsync("Seattle", west);
        var page = await OpenAsync(viewport == "phone" ? Phone : Desktop);
        var problems = new List<string>();

        async Task CheckAsync(string path, bool mustFit = true)
        {
            var response = await page.GotoAsync(path);
            // The page itself, not an error or the sign-in page it was sent to instead (the "not allowed" page says so with 403).
            Assert.Equal(path == "/console/forbidden" ? 403 : 200, response?.Status);
            Assert.Equal(path, new Uri(page.Url).AbsolutePath);
            problems.Add(await Axe.SeriousViolationsAsync(page));
            if (mustFit && !await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"))
            {
                problems.Add($"{path}: wider than the {viewport} screen");
            }
        }

        async Task CheckCurrentAsync(string what)
        {
            problems.Add(await Axe.SeriousViolationsAsync(page));
            if (!await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"))
            {
                problems.Add($"{page.Url} ({what}): wider than the {viewport} screen");
            }
        }

        await CheckAsync("/");
        await CheckAsync("/console/signin");
        await ConsolePages.RefusedSignInAsync(page, company.AdminUsername, "Wrong-Pass-9"); // with its message
        problems.Add(await Axe.SeriousViolationsAsync(page));
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        foreach (var path in ConsolePaths.Concat([$"/console/users/{reviewer.Id}", $"/console/users/{reviewer.Id}/audit"]))
        {
            await CheckAsync(path);
        }
        // The user form as a refused save shows it: every problem next to its field.
        await page.GotoAsync($"/console/users/{reviewer.Id}");
        await page.GetByLabel("Email").FillAsync("not-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#email-error")).ToBeVisibleAsync();
        problems.Add(await Axe.SeriousViolationsAsync(page));
        // A group chosen: its forms, as a Group Manager at the root sees them.
        await page.GotoAsync($"/console/groups?group={west}");
        await CheckCurrentAsync("a group chosen");
        // Integrations with a client just created (its secret shown once), then a revocation asked for.
        await page.GotoAsync("/console/integrations");
        await ConsolePages.SubmitNewClientAsync(page, "Payroll sync", company.Name, "Coach");
        await Assertions.Expect(page.Locator("#new-client-secret")).ToBeVisibleAsync();
        await CheckCurrentAsync("the new client");
        await page.GetByRole(AriaRole.Link, new() { Name = "Revoke Payroll sync" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Revoke Payroll sync" })).ToBeVisibleAsync();
        await CheckCurrentAsync("a revocation asked for");
        // Import: a check's report of bad rows, a checked file ready to import, the import done.
        await page.GotoAsync("/console/import-export");
        var csv = "firstName,lastName,email,groupRoles\n";
        await ImportExportTests.CheckAsync(page, csv + $"Ada,Axe,not-an-address,{company.Name}:Driver\nBob,Axe,,{company.Name}:Nobody\n");
        await Assertions.Expect(page.Locator("table.import-report")).ToBeVisibleAsync();
        await CheckCurrentAsync("an import's report");
        await ImportExportTests.CheckAsync(page, csv + $"Ada,Axe,ada@example.com,{company.Name}:Driver\n");
        await CheckCurrentAsync("a file ready to import");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 1 user" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-done")).ToBeVisibleAsync();
        await CheckCurrentAsync("an import done");

        var found = string.Join("\n", problems.Where(p => p.Length > 0));
        Assert.True(found.Length == 0, found);
    }
}
