using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FleetUsers.Domain.Roles;
using FleetUsers.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FleetUsers.Web.Tests.Console;

public sealed class SessionTestsOnSqlite(Chromium chromium, SqliteConsole app) : SessionTests(chromium, app);

public sealed class SessionTestsOnPostgres(Chromium chromium, PostgresConsole app) : SessionTests(chromium, app);

/// <summary>
/// The console's cookie session: its attributes, signing out, and the signed-in person looked up on
/// every request as the API looks up a token's caller (same revocation, same reach).
/// </summary>
public abstract class SessionTests(Chromium chromium, ConsoleApp app) : BrowserTest(chromium, app)
{
    private const string CookieName = "fleetusers_console";

    [Fact]
    public async Task TheCookie_IsHttpOnly_SameSiteLax_ForTheConsoleOnly_AndEndsWithTheBrowserSession()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();

        await ConsolePages.SignInAsync(page, company.AdminUsername);

        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.Equal("/console", cookie.Path);
        Assert.False(cookie.Secure); // plain HTTP here; Secure whenever the request came over HTTPS
        Assert.Equal(-1, cookie.Expires); // a session cookie: no date the browser keeps it until
    }

    [Fact]
    public async Task SignOut_RemovesTheCookie_AndTheConsoleAsksToSignInAgain()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // Enhanced navigation (history.pushState) may bring the page: poll the address, not a "load" event.
        await Expect(page).ToHaveURLAsync(new Regex("/console/signin\\?signedOut=true$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == CookieName);
        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new Regex("/console/signin\\?returnUrl=%2Fconsole$"));
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefused_AndTheSessionGoesOn()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);

        // What another site's form would send: the browser's cookies, but no token from our page.
        var response = await page.APIRequest.PostAsync("/console/signout", new() { Form = page.APIRequest.CreateFormData().Set("signout", "1"), MaxRedirects = 0 });

        Assert.Equal(400, response.Status);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welcome, {company.AdminUsername}");
    }

    [Fact]
    public async Task AUserDisabledAfterSigningIn_IsSignedOutAtTheNextRequest()
    {
        var company = await App.NewCompanyAsync();
        var coach = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach);
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, coach.Username);

        await company.UpdateUserAsync(coach, loginEnabled: false);
        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/console/signin\\?returnUrl=%2Fconsole%2Fusers$"));
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == CookieName);
    }

    [Fact]
    public async Task AUserWhosePasswordChangedAfterSigningIn_IsSignedOutAtTheNextRequest()
    {
        var company = await App.NewCompanyAsync();
        var coach = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach);
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, coach.Username);

        await company.UpdateUserAsync(coach, password: "Another-Pass-2");
        await page.ReloadAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/console/signin\\?returnUrl=%2Fconsole$"));
    }

    [Fact]
    public async Task TheNavigation_OffersOnlyWhatTheCallerMayUse_AndFollowsItsRolesAtOnce()
    {
        var company = await App.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var coach = await company.CreateUserAsync(west, RoleCatalog.Coach);
        var driver = await company.CreateUserAsync(west, RoleCatalog.Driver);
        var coachPage = await OpenAsync();
        var driverPage = await OpenAsync();

        await ConsolePages.SignInAsync(coachPage, coach.Username);
        await ConsolePages.SignInAsync(driverPage, driver.Username);

        await Expect(ConsolePages.NavigationLinks(coachPage)).ToHaveTextAsync(["Users", "Groups"]);
        await Expect(ConsolePages.NavigationLinks(driverPage)).ToHaveTextAsync(["Groups"]);
        await Expect(driverPage.GetByRole(AriaRole.Table).Locator("tbody tr")).ToHaveTextAsync([new Regex($"^{Regex.Escape(company.Name)}\\\\West\\s*Driver")]);
        var refused = await coachPage.GotoAsync("/console/integrations");
        Assert.Equal(403, refused!.Status);
        await Expect(coachPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");

        // Made Administrator at the root: the next page shows it, without signing in again.
        await company.UpdateUserAsync(coach, groupRoles: new JsonArray(
            new JsonObject { ["groupId"] = west, ["roleId"] = RoleCatalog.Coach },
            new JsonObject { ["groupId"] = company.RootId, ["roleId"] = RoleCatalog.Administrator }));
        var allowed = await coachPage.GotoAsync("/console/integrations");
        Assert.Equal(200, allowed!.Status);
        await Expect(ConsolePages.NavigationLinks(coachPage)).ToHaveTextAsync(["Users", "Groups", "Import/Export", "Integrations"]);
    }

    [Fact]
    public async Task TheSession_SlidesWhileUsed_AndEndsAfterThirtyIdleMinutes()
    {
        var company = await App.NewCompanyAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = App.StartSibling(services: s => s.AddSingleton<TimeProvider>(clock));
        var page = await OpenAsync(server: server);
        await ConsolePages.SignInAsync(page, company.AdminUsername);

        foreach (var _ in Enumerable.Range(0, 3))
        {
            clock.Advance(TimeSpan.FromMinutes(20)); // past half the idle time: the cookie is renewed
            await page.GotoAsync("/console");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welcome, {company.AdminUsername}");
        }
        clock.Advance(TimeSpan.FromMinutes(31));
        await page.GotoAsync("/console");

        await Expect(page).ToHaveURLAsync(new Regex("/console/signin\\?returnUrl=%2Fconsole$"));
    }
}
