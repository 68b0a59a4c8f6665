using System.Text;
using System.Text.Json.Nodes;
using FleetUsers.Domain.Roles;
using FleetUsers.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FleetUsers.Web.Tests.Console;

public sealed class ImportExportTestsOnSqlite(Chromium chromium, SqliteConsole app) : ImportExportTests(chromium, app);

public sealed class ImportExportTestsOnPostgres(Chromium chromium, PostgresConsole app) : ImportExportTests(chromium, app);

/// <summary>
/// Import and export: a CSV checked row by row with nothing written, then imported all or nothing
/// (checked again as it is written), within the signed-in person's reach; the export downloaded.
/// </summary>
public abstract class ImportExportTests(Chromium chromium, ConsoleApp app) : BrowserTest(chromium, app)
{
    private const string Header = "firstName,lastName,employeeId,email,groupRoles";

    [Fact]
    public async Task AFileWithOneBadRow_ShowsItsLineFieldAndProblem_WritesNothing_AndTheMendedFileImportsEveryRow()
    {
        var company = await App.NewCompanyAsync();
        var tag = Unique.Suffix();
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync("/console/import-export");

        var bad = Csv(
            $"Ada,Import{tag},A-{tag},ada@example.com,{company.Name}:Driver",
            $"Bob,Import{tag},B-{tag},not-an-address,{company.Name}:Driver",
            $"Cy,Import{tag},C-{tag},,{company.Name}:Coach");
        await CheckAsync(page, bad);

        await Expect(page.Locator("#import-refused")).ToContainTextAsync("1 row of 3 rows");
        await Expect(ReportRows(page)).ToHaveTextAsync([new System.Text.RegularExpressions.Regex("^3\\s*email\\s*email must be a valid email address$")]);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import 3 users" })).ToHaveCountAsync(0);
        Assert.Empty(await ImportedAsync(company, tag));

        await CheckAsync(page, bad.Replace("not-an-address", "bob@example.com", StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "users.csv is ready: 3 users to import" })).ToBeVisibleAsync();
        Assert.Empty(await ImportedAsync(company, tag)); // the check writes nothing
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 3 users" }).ClickAsync();

        await Expect(page.Locator("#import-done")).ToContainTextAsync("Imported 3 users from users.csv.");
        var imported = await ImportedAsync(company, tag);
        Assert.Equal(["Ada", "Bob", "Cy"], imported.Select(u => u["firstName"]!.GetValue<string>()).Order());
        Assert.Equal("bob@example.com", imported.Single(u => u["firstName"]!.GetValue<string>() == "Bob")["email"]!.GetValue<string>());
        // The person who imported is the trail's actor, not the command line's operator.
        var trail = await Infrastructure.Api.GetAsync(company.Admin, $"/v1/users/{imported[0]["userId"]}/auditLogs");
        var entry = Assert.Single(trail["data"]!.AsArray())!;
        Assert.Equal(company.AdminUsername, entry["actor"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task AScopedAdministrator_CannotImportIntoAGroupOutsideHerReach_AndExportsOnlyHerReach()
    {
        var company = await App.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var wendy = await company.CreateUserAsync(west, RoleCatalog.Administrator, lastName: "Westbrook");
        await company.CreateUserAsync(west, lastName: "Westdriver");
        await company.CreateUserAsync(east, lastName: "Eastdriver");
        var tag = Unique.Suffix();
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, wendy.Username);
        await page.GotoAsync("/console/import-export");

        await CheckAsync(page, Csv(
            $"Wes,Import{tag},,,{company.Name}\\West:Driver",
            $"Eve,Import{tag},,,{company.Name}\\East:Driver"));

        await Expect(ReportRows(page)).ToHaveTextAsync([new System.Text.RegularExpressions.Regex(
            $"^3\\s*groupRoles\\s*groupRoles group {System.Text.RegularExpressions.Regex.Escape(company.Name)}\\\\East is outside your reach")]);
        Assert.Empty(await ImportedAsync(company, tag));

        var export = await DownloadAsync(page);
        Assert.Contains("Westbrook", export, StringComparison.Ordinal);
        Assert.Contains("Westdriver", export, StringComparison.Ordinal);
        Assert.DoesNotContain("Eastdriver", export, StringComparison.Ordinal);
        Assert.DoesNotContain(company.AdminUsername, export, StringComparison.Ordinal); // at the root, above her reach
    }

    [Fact]
    public async Task TheExport_DownloadsEveryUserAsACsvInTheImportsColumns()
    {
        var company = await App.NewCompanyAsync();
        var driver = await company.CreateUserAsync(company.RootId, lastName: "Exported", employeeId: "E-" + Unique.Suffix());
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync("/console/import-export");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download users (CSV)" }).ClickAsync());

        Assert.Matches("^users-\\d{4}-\\d{2}-\\d{2}\\.csv$", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("firstName,lastName,username,employeeId,", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length); // the header, the administrator and the driver
        Assert.Contains(lines, l => l.StartsWith($"Test,Exported,{driver.Username},", StringComparison.Ordinal) && l.Contains(driver.Body["employeeId"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANameTakenBetweenCheckAndCommit_IsThatRowsProblem_AndNothingIsImported()
    {
        var company = await App.NewCompanyAsync();
        var tag = Unique.Suffix();
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync("/console/import-export");
        await CheckAsync(page, Csv(
            $"Ada,Import{tag},A-{tag},,{company.Name}:Driver",
            $"Bob,Import{tag},B-{tag},,{company.Name}:Driver"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import 2 users" })).ToBeVisibleAsync();

        await company.CreateUserAsync(company.RootId, employeeId: $"B-{tag}"); // someone else, meanwhile
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 2 users" }).ClickAsync();

        await Expect(ReportRows(page)).ToHaveTextAsync([new System.Text.RegularExpressions.Regex($"^3\\s*employeeId\\s*employeeId B-{tag} is already taken")]);
        await Expect(page.Locator("#import-refused")).ToContainTextAsync("Nothing was imported");
        Assert.Empty(await ImportedAsync(company, tag));
    }

    [Fact]
    public async Task AFileOverTheLimit_IsRefusedWithTheLimit_AndAnotherPersonsCheckedFileIsNotTaken()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync("/console/import-export");

        var large = Header + "\n" + string.Concat(Enumerable.Repeat($"Ada,Large,,,{company.Name}:Driver\n", 5 * 1024 * 1024 / 30));
        var answer = await page.RunAndWaitForResponseAsync(() => CheckAsync(page, large), r => r.Request.Method == "POST");

        Assert.Equal(413, answer.Status);
        await Expect(page.Locator("#file-error")).ToContainTextAsync("the console takes files up to 4 MB");
        await Expect(page.GetByLabel("CSV file")).ToHaveAttributeAsync("aria-invalid", "true");

        // A commit form carries the checked file protected for the person who checked it: another administrator's is refused.
        var tag = Unique.Suffix();
        await CheckAsync(page, Csv($"Ada,Import{tag},,,{company.Name}:Driver"));
        var staged = await page.Locator("input[name='Commit.File']").InputValueAsync();
        var other = await company.CreateUserAsync(company.RootId, RoleCatalog.Administrator);
        var otherPage = await OpenAsync();
        await ConsolePages.SignInAsync(otherPage, other.Username);
        await otherPage.GotoAsync("/console/import-export");
        await CheckAsync(otherPage, Csv($"Zed,Other{tag},,,{company.Name}:Driver"));
        await otherPage.Locator("input[name='Commit.File']").EvaluateAsync("(input, value) => input.value = value", staged);
        await otherPage.GetByRole(AriaRole.Button, new() { Name = "Import 1 user" }).ClickAsync();

        await Expect(otherPage.Locator("#file-error")).ToContainTextAsync("the checked file is no longer held");
        Assert.Empty(await ImportedAsync(company, tag));
    }

    private static string Csv(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    private static ILocator ReportRows(IPage page) => page.Locator("table.import-report tbody tr");

    /// <summary>Chooses the file and asks for its check.</summary>
    public static async Task CheckAsync(IPage page, string csv)
    {
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "users.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
    }

    private static async Task<string> DownloadAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download users (CSV)" }).ClickAsync());
        return await File.ReadAllTextAsync((await download.PathAsync())!);
    }

    /// <summary>The company's users whose last name carries the test's tag, as the API lists them to its administrator.</summary>
    private static async Task<List<JsonNode>> ImportedAsync(TestCompany company, string tag) =>
        (await Infrastructure.Api.GetAsync(company.Admin, $"/v1/users?searchText=Import{tag}"))["data"]!.AsArray().OfType<JsonNode>().ToList();
}
