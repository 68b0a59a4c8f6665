using Microsoft.Playwright;

namespace FleetUsers.Web.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole run: Debian's (package chromium, /usr/bin/chromium, which
/// .ci/run installs), driven by Playwright's bundled driver; nothing is downloaded. Without it the
/// browser tests skip, except under CI (CI=true), where they fail. FLEETUSERS_TEST_CHROMIUM names
/// another executable.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string Variable = "FLEETUSERS_TEST_CHROMIUM";

    // As the machine's notes say: without the background-networking flags Chromium keeps reaching
    // for Google's hosts, which a closed network refuses.
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public IBrowser Browser
    {
        get
        {
            RequireAvailable();
            return _browser ?? throw new InvalidOperationException("Chromium did not start.");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return; // each test skips itself, or fails under CI
        }
        // Two shared cores render slowly at times: wait up to 30 s for what a page should show.
        Assertions.SetDefaultExpectTimeout(60_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
        });
    }

    public static void RequireAvailable()
    {
        if (!File.Exists(ExecutablePath))
        {
            if (InCi)
            {
                Assert.Fail($"CI=true but there is no Chromium at {ExecutablePath}: .ci/run installs the chromium package.");
            }
            Assert.Skip($"Browser tests need Chromium at {ExecutablePath} (apt-get install chromium chromium-driver, or set {Variable}).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
