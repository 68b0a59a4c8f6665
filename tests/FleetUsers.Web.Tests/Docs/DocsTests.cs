using System.Collections.Concurrent;
using FleetUsers.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FleetUsers.Web.Tests.Docs;

/// <summary>
/// The API reference at /docs, self-hosted: every request the page makes goes to the service
/// itself. (The page reads no data of the database, so one store is enough.)
/// </summary>
public sealed class DocsTests(Chromium chromium, SqliteConsole app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task Docs_RequestNothingButFromTheServiceItself()
    {
        var page = await OpenAsync();
        var requests = new ConcurrentQueue<string>();
        page.Request += (_, request) => requests.Enqueue(request.Url);

        await page.GotoAsync("/docs/", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await ExpectRenderedAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var origin = App.Server.Address.GetLeftPart(UriPartial.Authority);
        Assert.Contains(requests, url => url == origin + "/openapi/v1.json");
        var elsewhere = requests.Where(url => !url.StartsWith(origin + "/", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, "Requests outside the service:\n" + string.Join("\n", elsewhere));
    }

    public static TheoryData<string> Viewports => ["desktop", "phone"];

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task Docs_HaveNoSeriousOrCriticalAccessibilityViolation(string viewport)
    {
        var page = await OpenAsync(viewport == "phone" ? Phone : Desktop);

        await page.GotoAsync("/docs/");
        await ExpectRenderedAsync(page);

        var found = await Axe.SeriousViolationsAsync(page);
        Assert.True(found.Length == 0, found);
    }

    [Fact]
    public async Task Docs_TryItStartsOnTheBearerScheme_WithAFieldForTheToken()
    {
        var page = await OpenAsync();

        await page.GotoAsync("/docs/");

        await Expect(page.GetByText("Selected Auth Type: Bearer").First).ToBeVisibleAsync();
        await Expect(page.GetByPlaceholder("Token").First).ToBeVisibleAsync();
    }

    /// <summary>Waits until Scalar has drawn the operations (the first one's title, wherever the width puts it).</summary>
    private static Task ExpectRenderedAsync(IPage page) =>
        Expect(page.GetByText("Log in with a username and password").Filter(new() { Visible = true }).First).ToBeVisibleAsync();
}
