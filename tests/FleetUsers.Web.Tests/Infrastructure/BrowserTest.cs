using Microsoft.Playwright;
using Xunit.Sdk;

namespace FleetUsers.Web.Tests.Infrastructure;

/// <summary>
/// A browser test: a new browser context per page it opens (its own cookies and its own client
/// address), on the run's one Chromium. When the test fails, every page it opened is saved as a
/// screenshot under the test output (screenshots/, beside the test assembly).
/// </summary>
public abstract class BrowserTest(Chromium chromium, ConsoleApp app) : IAsyncLifetime
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 375, Height = 812 };

    private readonly List<IBrowserContext> _contexts = [];

    protected ConsoleApp App => app;

    /// <summary>A page in a context of its own, against <paramref name="server"/> (the app's by default).</summary>
    protected async Task<IPage> OpenAsync(ViewportSize? viewport = null, ConsoleServer? server = null)
    {
        Chromium.RequireAvailable();
        server ??= app.Server;
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(),
            ViewportSize = viewport ?? Desktop,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-For"] = Unique.Address() },
        });
        context.SetDefaultTimeout(60_000); // a shared machine: /docs loads a large script, a first page renders cold
        lock (_contexts)
        {
            _contexts.Add(context);
        }
        return await context.NewPageAsync();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        var index = 0;
        foreach (var context in _contexts)
        {
            if (failed)
            {
                foreach (var page in context.Pages)
                {
                    await ScreenshotAsync(page, index++);
                }
            }
            await context.CloseAsync();
        }
        GC.SuppressFinalize(this);
    }

    private static async Task ScreenshotAsync(IPage page, int index)
    {
        var test = TestContext.Current.Test?.TestDisplayName ?? "test";
        var name = string.Concat(test.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name[..Math.Min(name.Length, 150)]}-{index}.png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            TestContext.Current.SendDiagnosticMessage($"Screenshot of {page.Url}: {path}");
        }
        catch (PlaywrightException e)
        {
            TestContext.Current.SendDiagnosticMessage($"No screenshot of {page.Url}: {e.Message}");
        }
    }
}
