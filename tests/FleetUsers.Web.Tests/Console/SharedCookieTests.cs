using FleetUsers.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FleetUsers.Web.Tests.Console;

/// <summary>
/// Two instances behind a load balancer share only the PostgreSQL database: a cookie and an
/// antiforgery token one of them issued are good on the other (the Data Protection keys are in the
/// database), so no sticky sessions are needed. Real processes, started together on an empty database.
/// </summary>
public sealed class SharedCookieTests(Chromium chromium, PostgresConsole app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task ACookieAndAnAntiforgeryTokenFromOneInstance_AreGoodOnTheOther()
    {
        Chromium.RequireAvailable();
        var settings = App.Settings(await app.NewDatabaseAsync());
        await using var first = ServerProcess.Start(settings);
        await using var second = ServerProcess.Start(settings);
        await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)));
        var admin = settings["Bootstrap:AdminUsername"]!;
        var page = await OpenAsync(); // against the app's own server first: then addressed by full URL

        await page.GotoAsync(new Uri(first.Address, "/console/signin").ToString());
        await ConsolePages.SubmitSignInAsync(page, admin, settings["Bootstrap:AdminPassword"]!);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welcome, {admin}");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();

        // Cookies belong to the host, not the port: the second instance gets the first one's cookie.
        await page.GotoAsync(new Uri(second.Address, "/console").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welcome, {admin}");

        // The sign-out form of the first instance, posted to the second.
        var signOut = await page.APIRequest.PostAsync(new Uri(second.Address, "/console/signout").ToString(), new()
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token),
            MaxRedirects = 0,
        });
        Assert.Equal(302, signOut.Status);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "fleetusers_console");
    }
}
