using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using static FleetUsers.Api.Tests.Infrastructure.GroupBodies;

namespace FleetUsers.Api.Tests.Groups;

/// <summary>
/// POST /v1/groups/bulkImport: a CSV file in the vendor's fixed format; the report lists each
/// group as imported, existing, failed or of an invalid name; the same file twice imports nothing new.
/// </summary>
public sealed class BulkImportTests(FleetUsersApp app)
{
    public const string Header = "Group Name,Description,Subgroups,Lytx Account Parent Group,Sub-Group (2nd Hierarchy),Sub-Group (3rd Hierarchy),"
        + "Sub-Group (4th Hierarchy),Sub-Group (5th Hierarchy),Sub-Group (6th Hierarchy),Sub-Group (7th Hierarchy),Sub-Group (8th Hierarchy),"
        + "Sub-Group (9th Hierarchy),Sub-Group (10th Hierarchy),Sub-Group (11th Hierarchy),Sub-Group (12th Hierarchy),Sub-Group (13th Hierarchy)";

    [StoreFact]
    public async Task Import_CreatesTheGroups_ParentsBeforeChildrenWhateverTheOrder_AndReportsThem()
    {
        var (company, root) = await NewCompanyAsync();

        var response = await ImportAsync(company.Admin,
            Row("California", "Golden \"State\", depots", root, "West"),
            Row("West", "", root),
            Row("Los Angeles", "", root, "West", "California"));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var report = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(["importedGroups", "existingGroups", "groupsFailedToImport", "invalidGroupNames"], report.Select(p => p.Key));
        Assert.Equal([$"{root}\\West\\California", $"{root}\\West", $"{root}\\West\\California\\Los Angeles"], Strings(report, "importedGroups"));
        Assert.Empty(Strings(report, "existingGroups"));
        var groups = (await company.Admin.GetObjectAsync("/v1/groups"))["groups"]!.AsArray().Select(g => g!.AsObject()).ToList();
        var california = groups.Single(g => Text(g, "name") == "California");
        Assert.Equal("Golden \"State\", depots", Text(california, "description"));
        Assert.Equal($"{root}\\West\\California", Text(california, "fullPath"));
    }

    [StoreFact]
    public async Task Import_TheSameFileTwice_ImportsNothingTheSecondTime_AndListsEverythingAsExisting()
    {
        var (company, root) = await NewCompanyAsync();
        string[] rows = [Row("West", "first", root), Row("Oregon", "", root, "West")];
        await HttpAssert.ExpectAsync(await ImportAsync(company.Admin, rows), HttpStatusCode.OK);
        var before = (await company.Admin.GetObjectAsync("/v1/groups")).ToJsonString();

        var report = await HttpAssert.ReadObjectAsync(await ImportAsync(company.Admin,
            [Row("WEST", "second", root), Row("oregon", "", root.ToUpperInvariant(), "West")]));

        Assert.Empty(Strings(report, "importedGroups"));
        Assert.Equal([$"{root}\\West", $"{root}\\West\\Oregon"], Strings(report, "existingGroups"));
        Assert.Equal(before, (await company.Admin.GetObjectAsync("/v1/groups")).ToJsonString());
    }

    [StoreFact]
    public async Task Import_ReportsGroupsWhoseParentIsMissing_AndInvalidNames_AndImportsTheRest()
    {
        var (company, root) = await NewCompanyAsync();
        var longName = new string('n', 101);

        var report = await HttpAssert.ReadObjectAsync(await ImportAsync(company.Admin,
            Row("Failed", "", root, "Nowhere"),
            Row("Elsewhere", "", "Another Company"),
            Row(longName, "", root),
            Row("   ", "", root),
            Row("Good", "", root),
            Row("Described", new string('d', 501), root)));

        Assert.Equal([$"{root}\\Good"], Strings(report, "importedGroups"));
        Assert.Equal([$"{root}\\Nowhere\\Failed", "Another Company\\Elsewhere", $"{root}\\Described"], Strings(report, "groupsFailedToImport"));
        Assert.Equal([longName, "   "], Strings(report, "invalidGroupNames"));
    }

    [StoreFact]
    public async Task Import_ByAGroupManagerOfWest_ImportsBelowWest_AndFailsElsewhere()
    {
        var (company, root) = await NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        var (_, manager) = await company.NewCallerAsync((west, RoleCatalog.GroupManager));

        var report = await HttpAssert.ReadObjectAsync(await ImportAsync(manager,
            Row("Oregon", "", root, "West"), Row("Boston", "", root, "East"), Row("North", "", root), Row("East", "", root), Row("West", "", root)));

        // Its own top group exists for it; what lies outside West (seen or not) fails, without saying whether it exists.
        Assert.Equal([$"{root}\\West\\Oregon"], Strings(report, "importedGroups"));
        Assert.Equal([$"{root}\\East\\Boston", $"{root}\\North", $"{root}\\East"], Strings(report, "groupsFailedToImport"));
        Assert.Equal([$"{root}\\West"], Strings(report, "existingGroups"));
        Assert.Equal("[]", await (await company.Admin.GetAsync($"/v1/groups/{east}/descendants")).Content.ReadAsStringAsync());
    }

    [StoreFact]
    public async Task Import_ByACallerWhoIsGroupManagerNowhere_Returns403_AndImportsNothing()
    {
        var (company, root) = await NewCompanyAsync();
        var (_, administrator) = await company.NewCallerAsync((company.RootId, RoleCatalog.Administrator));

        await HttpAssert.ExpectEmptyAsync(await ImportAsync(administrator, Row("West", "", root)), HttpStatusCode.Forbidden);

        Assert.Single((await company.Admin.GetObjectAsync("/v1/groups"))["groups"]!.AsArray());
    }

    [StoreTheory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData(Header)]
    [InlineData(Header + "\n,,,,\n")]
    public async Task Import_OfAFileWithoutGroups_Returns400WithTheVendorsMessage(string file)
    {
        var company = await app.NewCompanyAsync();

        var messages = await HttpAssert.ExpectErrorAsync(await SendAsync(company.Admin, file), HttpStatusCode.BadRequest);

        Assert.Equal(["Empty file can not be imported."], messages);
    }

    [StoreFact]
    public async Task Import_WithALineFillingThe13thHierarchyColumn_Returns400WithTheVendorsMessage_AndImportsNothing()
    {
        var (company, root) = await NewCompanyAsync();
        var parents = new[] { root }.Concat(Enumerable.Range(2, 12).Select(i => $"L{i}")).ToArray();

        var messages = await HttpAssert.ExpectErrorAsync(
            await ImportAsync(company.Admin, Row("Fine", "", root), Row("Deep", "", parents)), HttpStatusCode.BadRequest);

        Assert.Equal("Request exceeds maximum group hierarchy depth.", messages[0]);
        Assert.StartsWith("line 3:", messages[1], StringComparison.Ordinal);
        Assert.Single((await company.Admin.GetObjectAsync("/v1/groups"))["groups"]!.AsArray());
    }

    [StoreFact]
    public async Task Import_DownToLevel13_Works()
    {
        var (company, root) = await NewCompanyAsync();
        var rows = Enumerable.Range(2, 12).Select(level =>
            Row($"L{level}", "", [root, .. Enumerable.Range(2, level - 2).Select(i => $"L{i}")])).ToArray();

        var report = await HttpAssert.ReadObjectAsync(await ImportAsync(company.Admin, rows));

        Assert.Equal(12, Strings(report, "importedGroups").Count);
        Assert.EndsWith("\\L13", Strings(report, "importedGroups")[^1], StringComparison.Ordinal);
    }

    [StoreTheory]
    [InlineData("Name,Description\nWest,\n", "line 1")]
    [InlineData(Header + "\nWest,,,\n", "line 2")]
    [InlineData(Header + "\nWest,,,Root,,Gap\n", "line 2")]
    [InlineData(Header + "\nWest,,,Root,,,,,,,,,,,,,,extra\n", "line 2")]
    [InlineData(Header + "\n\"West,,,Root\n", "line 2")]
    public async Task Import_OfAFileNotInTheFormat_Returns400NamingTheLine_AndImportsNothing(string file, string line)
    {
        var company = await app.NewCompanyAsync();

        var messages = await HttpAssert.ExpectErrorAsync(await SendAsync(company.Admin, file), HttpStatusCode.BadRequest);

        Assert.Contains(messages, m => m.StartsWith(line, StringComparison.Ordinal));
        Assert.Single((await company.Admin.GetObjectAsync("/v1/groups"))["groups"]!.AsArray());
    }

    [StoreFact]
    public async Task Import_NamesTheLineAnEditorShows_WhenAQuotedFieldSpansLines()
    {
        var company = await app.NewCompanyAsync();

        var messages = await HttpAssert.ExpectErrorAsync(
            await SendAsync(company.Admin, $"{Header}\nWest,\"two\nlines\",,Root\nEast,,,\n"), HttpStatusCode.BadRequest);

        Assert.Equal(["line 4: Lytx Account Parent Group is empty; it names the root group, and the columns after it the groups down to the parent"], messages);
    }

    [StoreTheory]
    [InlineData("application/json")]
    [InlineData("multipart/form-data")]
    public async Task Import_OfAnotherMediaType_Returns415(string mediaType)
    {
        var (company, root) = await NewCompanyAsync();
        var content = new StringContent($"{Header}\n{Row("West", "", root)}\n", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostAsync("/v1/groups/bulkImport", content), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("application/octet-stream", messages[0], StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Import_OfAFileThatIsNotUtf8_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes(Header + "\n"), 0xC3, 0x28, (byte)',', (byte)'\n']);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        Assert.Equal(["the file must be UTF-8 text"],
            await HttpAssert.ExpectErrorAsync(await company.Admin.PostAsync("/v1/groups/bulkImport", content), HttpStatusCode.BadRequest));
    }

    [StoreFact]
    public async Task Import_OverTheBodyLimit_Returns413()
    {
        var (company, root) = await NewCompanyAsync();
        var rows = Enumerable.Range(0, 20_000).Select(i => Row($"Group {i:D5} {new string('x', 40)}", "", root)).ToArray();

        await HttpAssert.ExpectErrorAsync(await ImportAsync(company.Admin, rows), HttpStatusCode.RequestEntityTooLarge);

        Assert.Single((await company.Admin.GetObjectAsync("/v1/groups"))["groups"]!.AsArray());
    }

    [StoreFact]
    public async Task Import_WritesAnImportEntryPerGroupCreated()
    {
        var (company, root) = await NewCompanyAsync();
        await HttpAssert.ExpectAsync(await ImportAsync(company.Admin, Row("West", "", root), Row("Oregon", "", root, "West")), HttpStatusCode.OK);
        await HttpAssert.ExpectAsync(await ImportAsync(company.Admin, Row("West", "", root)), HttpStatusCode.OK);

        var entries = (await company.Admin.GetObjectAsync("/v1/groups/auditLogs?order=asc"))["data"]!.AsArray();

        Assert.Equal(["IMPORT", "IMPORT"], entries.Select(e => Text(e!, "action")));
        Assert.Equal([$"{root}\\West", $"{root}\\West\\Oregon"], entries.Select(e => Text(e!, "fullPath")));
    }

    /// <summary>One line of the file: name, description, subgroups (empty) and the parent's line from the root.</summary>
    public static string Row(string name, string description, params string[] parents) =>
        string.Join(',', new[] { Quote(name), Quote(description), "" }.Concat(parents.Select(Quote)));

    public static Task<HttpResponseMessage> ImportAsync(HttpClient client, params string[] rows) =>
        SendAsync(client, Header + "\n" + string.Join("\n", rows) + "\n");

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, string file)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return client.PostAsync("/v1/groups/bulkImport", content);
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    private static List<string> Strings(JsonObject report, string key) => report[key]!.AsArray().Select(s => s!.GetValue<string>()).ToList();

    private async Task<(TestCompany Company, string RootName)> NewCompanyAsync()
    {
        var company = await app.NewCompanyAsync();
        return (company, Text(await company.Admin.GetGroupAsync(company.RootId), "name"));
    }
}
