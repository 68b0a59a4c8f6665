using Microsoft.Playwright;

// Takes the console's screenshots for the README: signs in to a running service that holds the demo data and
// saves each main page, at 1280×800 and one at phone width, as PNG files. Debian's Chromium, nothing downloaded.
//   dotnet run --project tools/FleetUsers.Screenshots -- http://127.0.0.1:5080 admin "$(cat data/admin.password)" docs/images
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: FleetUsers.Screenshots <base url> <username> <password> <output directory>");
    return 2;
}
var (baseUrl, username, password, output) = (args[0].TrimEnd('/'), args[1], args[2], args[3]);
Directory.CreateDirectory(output);
var chromium = Environment.GetEnvironmentVariable("FLEETUSERS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async Task<IPage> SignedInAsync(ViewportSize viewport)
{
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = viewport });
    var page = await context.NewPageAsync();
    await page.GotoAsync("/console/signin");
    await page.GetByLabel("Username").FillAsync(username);
    await page.GetByLabel("Password").FillAsync(password);
    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console$"));
    return page;
}

async Task SaveAsync(IPage page, string name)
{
    var file = Path.Combine(output, $"console-{name}.png");
    await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
    Console.WriteLine(file);
}

var desktop = await SignedInAsync(new ViewportSize { Width = 1280, Height = 800 });
await desktop.GotoAsync("/console/users");
await SaveAsync(desktop, "users");
// Each page by its address (a full load), so the picture is never taken mid-way through an enhanced navigation.
var user = await desktop.Locator("table.users tbody tr a").Nth(1).GetAttributeAsync("href");
await desktop.GotoAsync(user!);
await SaveAsync(desktop, "user");
await desktop.GotoAsync(user + "/audit");
await SaveAsync(desktop, "audit");
await desktop.GotoAsync("/console/groups");
var group = await desktop.GetByRole(AriaRole.Navigation, new() { Name = "Group tree" }).GetByRole(AriaRole.Link).Nth(1).GetAttributeAsync("href");
await desktop.GotoAsync(group!);
await SaveAsync(desktop, "groups");
await desktop.GotoAsync("/console/integrations");
await SaveAsync(desktop, "integrations");
// The import's check of a file with one bad row (nothing is written), into the group chosen above.
var groupId = System.Text.RegularExpressions.Regex.Match(group!, "[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}").Value;
var csv = $"""
    firstName,lastName,employeeId,email,groupRoles
    Ada,Lovelace,E-9001,ada@example.com,{groupId}:Driver
    Bob,Byron,E-9002,not-an-address,{groupId}:Driver
    Cy,Babbage,E-9003,,{groupId}:Coach

    """;
await desktop.GotoAsync("/console/import-export");
await desktop.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "users.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
await desktop.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
await desktop.Locator("#import-refused").WaitForAsync();
await SaveAsync(desktop, "import");

var phone = await SignedInAsync(new ViewportSize { Width = 375, Height = 812 });
await phone.GotoAsync("/console/users");
await SaveAsync(phone, "users-phone");
return 0;
