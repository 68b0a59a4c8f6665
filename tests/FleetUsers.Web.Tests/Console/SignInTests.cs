using FleetUsers.Domain.Roles;
using FleetUsers.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FleetUsers.Web.Tests.Console;

public sealed class SignInTestsOnSqlite(Chromium chromium, SqliteConsole app) : SignInTests(chromium, app);

public sealed class SignInTestsOnPostgres(Chromium chromium, PostgresConsole app) : SignInTests(chromium, app);

/// <summary>Signing in to the console with the service's own login: its answers, shown to a person.</summary>
public abstract class SignInTests(Chromium chromium, ConsoleApp app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task SignIn_WithTheRightPassword_ShowsTheCompanyTheNameAndTheCallersReach()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();

        await ConsolePages.SignInAsync(page, company.AdminUsername);

        await Expect(page.Locator("header")).ToContainTextAsync(company.Name);
        await Expect(page.Locator("header .signed-in-name")).ToHaveTextAsync(company.AdminUsername);
        var rows = page.GetByRole(AriaRole.Table).Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync(company.Name);
        await Expect(rows.Nth(0)).ToContainTextAsync("Administrator");
        await Expect(rows.Nth(1)).ToContainTextAsync("Group Manager");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link))
            .ToHaveTextAsync(["Users", "Groups", "Import/Export", "Integrations"]);
    }
}
