using FleetUsers.Api.Tests.Infrastructure;
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
        // Each its own home directory: without the database, Data Protection would share a key ring
        // through ~/.aspnet/DataProtection-Keys, which instances on different machines do not have.
        using var firstHome = new TemporaryHome();
        using var secondHome = new TemporaryHome();
        await using var first = ServerProcess.Start(new Dictionary<string, string?>(settings) { ["HOME"] = firstHome.Path });
        await using var second = ServerProcess.Start(new Dictionary<string, string?>(settings) { ["HOME"] = secondHome.Path });
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

/// <summary>An empty directory for one process's HOME, removed afterwards.</summary>
internal sealed class TemporaryHome : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("fleetusers-home-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // still in use: the OS cleans temporary files
        }
    }
}
