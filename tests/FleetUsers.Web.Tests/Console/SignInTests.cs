using System.Text.RegularExpressions;
using FleetUsers.Application.Auth;
using FleetUsers.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FleetUsers.Web.Tests.Console;

public sealed class SignInTestsOnSqlite(Chromium chromium, SqliteConsole app) : SignInTests(chromium, app);

public sealed class SignInTestsOnPostgres(Chromium chromium, PostgresConsole app) : SignInTests(chromium, app);

/// <summary>
/// Signing in to the console goes through the service's own login (as POST /api/auth/user): its
/// answers, throttle and hash queue, shown to a person.
/// </summary>
public abstract partial class SignInTests(Chromium chromium, ConsoleApp app) : BrowserTest(chromium, app)
{
    private const string WrongPassword = "Wrong-Pass-9";

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
        await Expect(ConsolePages.NavigationLinks(page)).ToHaveTextAsync(["Users", "Groups", "Import/Export", "Integrations"]);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSo_SetsNoCookie_AndNeverShowsThePasswordAgain()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();

        var alert = await ConsolePages.RefusedSignInAsync(page, company.AdminUsername, WrongPassword);

        await Expect(alert).ToHaveTextAsync("The username or password is not right, or this user may not sign in.");
        Assert.DoesNotContain(WrongPassword, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "fleetusers_console");
    }

    [Fact]
    public async Task SignIn_AfterFiveFailures_IsThrottled_AndSaysHowLongToWaitInMinutesAndSeconds()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await ConsolePages.RefusedSignInAsync(page, company.AdminUsername, WrongPassword);
        }

        var alert = await ConsolePages.RefusedSignInAsync(page, company.AdminUsername, TestCompany.Password);

        // The wait runs until the oldest failure is 15 minutes old: 14 minutes and some seconds.
        await Expect(alert).ToHaveTextAsync(ThrottledMessage());
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "fleetusers_console");
    }

    [Fact]
    public async Task SignIn_WhileThePasswordHashQueueIsFull_SaysTheServiceIsBusy()
    {
        var company = await App.NewCompanyAsync();
        var started = 0;
        var release = new TaskCompletionSource();
        var hooks = new PasswordHashingHooks
        {
            WhileHashing = async ct =>
            {
                Interlocked.Increment(ref started);
                await release.Task.WaitAsync(ct);
            },
        };
        // Nothing may wait for a hash, and guesses hold every running one until released.
        await using var server = App.StartSibling(new Dictionary<string, string?> { ["Auth:MaxQueuedHashes"] = "0" }, s => s.AddSingleton(hooks));
        var guesses = Enumerable.Range(0, Environment.ProcessorCount)
            .Select(_ => server.CreateClient().PostAsync("/api/auth/user", JsonContent("nobody-" + Unique.Suffix(), WrongPassword)))
            .ToArray();
        while (Volatile.Read(ref started) < guesses.Length)
        {
            await Task.Delay(20);
        }
        var page = await OpenAsync(server: server);

        var alert = await ConsolePages.RefusedSignInAsync(page, company.AdminUsername, TestCompany.Password);

        await Expect(alert).ToHaveTextAsync("The service is busy. Try again in 1 second.");
        release.SetResult();
        await Task.WhenAll(guesses);
        await ConsolePages.SignInAsync(page, company.AdminUsername);
    }

    [Fact]
    public async Task SignIn_WithTheKeyboardOnly_FromTheSkipLinkToTheLandingPage_WithVisibleFocus()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();
        await page.GotoAsync("/console/signin");

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" })).ToBeFocusedAsync();
        Assert.True(await HasVisibleFocusAsync(page), "the skip link shows no focus");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Username")).ToBeFocusedAsync();
        Assert.True(await HasVisibleFocusAsync(page), "the username field shows no focus");
        await page.Keyboard.TypeAsync(company.AdminUsername);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(TestCompany.Password);
        await page.Keyboard.PressAsync("Enter");

        // The landing page comes by enhanced navigation (history.pushState): poll the address, not a "load" event.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welcome, {company.AdminUsername}");
    }

    [Fact]
    public async Task SignIn_ReturnsToThePageAskedFor_ButNeverToAnotherSite()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();

        await page.GotoAsync("/console/groups");
        await Expect(page).ToHaveURLAsync(new Regex("/console/signin\\?returnUrl=%2Fconsole%2Fgroups$"));
        await ConsolePages.SubmitSignInAsync(page, company.AdminUsername, TestCompany.Password);
        // Enhanced navigation (history.pushState) may bring the page: poll the address, not a "load" event.
        await Expect(page).ToHaveURLAsync(new Regex("/console/groups$"));

        var other = await OpenAsync();
        await other.GotoAsync("/console/signin?returnUrl=" + Uri.EscapeDataString("https://example.com/console"));
        await ConsolePages.SignInAsync(other, company.AdminUsername);
    }

    private static Regex ThrottledMessage() => ThrottledPattern();

    [GeneratedRegex("^Too many failed sign-ins for this username from here\\. Try again in 1[45] minutes?( [1-5]?[0-9] seconds?)?\\.$")]
    private static partial Regex ThrottledPattern();

    private static StringContent JsonContent(string username, string password) =>
        new(System.Text.Json.JsonSerializer.Serialize(new { username, password }), System.Text.Encoding.UTF8, "application/json");

    /// <summary>True when the focused element draws an outline (the style sheet's :focus-visible).</summary>
    private static Task<bool> HasVisibleFocusAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }");
}
