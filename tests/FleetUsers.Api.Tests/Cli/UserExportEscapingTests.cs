using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Transfer;

namespace FleetUsers.Api.Tests.Cli;

/// <summary>users export against CSV formula injection, without losing a character on the way back in.</summary>
public sealed class UserExportEscapingTests(FleetUsersApp app) : IDisposable
{
    private readonly TemporaryDirectory _files = new();

    [StoreFact]
    public async Task Export_WritesFormulaFieldsAsText_AndTheImportReadsBackTheValuesUnchanged()
    {
        var company = await app.NewCompanyAsync();
        var root = (await company.Admin.GetGroupAsync(company.RootId))["fullPath"]!.GetValue<string>();
        var boss = "@boss-" + Unique.Suffix();
        await company.CreateUserAsync(company.RootId, customize: b =>
        {
            b["firstName"] = "=HYPERLINK(\"http://evil.example\",\"x\")";
            b["lastName"] = "+Smith";
            b["username"] = boss;
            b["employeeId"] = "-1+2";
            b["email"] = "-x@example.com";
            b["cellPhoneCountry"] = "US";
            b["cellPhoneNumber"] = "+1 555 0100";
        });
        await company.CreateUserAsync(company.RootId, customize: b =>
        {
            b["firstName"] = "'t";
            b["lastName"] = "'=Literal";
            b["employeeId"] = "'-7";
        });

        var export = await Infrastructure.Cli.SucceedAsync(app, "users", "export", "--company", company.CompanyId.ToString());

        var raw = RawRows(export.Output);
        var first = raw.Single(r => r["username"] == "'" + boss);
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"x\")", first["firstName"]);
        Assert.Equal("'+Smith", first["lastName"]);
        Assert.Equal("'-1+2", first["employeeId"]);
        Assert.Equal("'-x@example.com", first["email"]);
        Assert.Equal("'+1 555 0100", first["cellPhoneNumber"]);
        var second = raw.Single(r => r["lastName"] == "''=Literal");
        Assert.Equal("'t", second["firstName"]);
        Assert.Equal("''-7", second["employeeId"]);
        Assert.All(raw.SelectMany(r => r.Values), field => Assert.DoesNotMatch("^[=+\\-@\t\r]", field));

        // The import reads exactly the stored values back: here into another company with the same tree.
        var read = CsvUserFile.Read(new StringReader(export.Output));
        Assert.Contains(read.Rows, r => r["username"] == boss && r["firstName"] == "=HYPERLINK(\"http://evil.example\",\"x\")");
        var other = await app.NewCompanyAsync();
        var otherRoot = (await other.Admin.GetGroupAsync(other.RootId))["fullPath"]!.GetValue<string>();
        var file = Path.Combine(CreatedDirectory(), "round-trip.csv");
        await File.WriteAllTextAsync(file, WithoutUsernames(export.Output).Replace(root, otherRoot, StringComparison.Ordinal));
        await Infrastructure.Cli.SucceedAsync(app, "users", "import", "--company", other.CompanyId.ToString(), "--file", file);

        Assert.Equal(await ProfilesAsync(company), await ProfilesAsync(other));
    }

    public void Dispose()
    {
        _files.Dispose();
        GC.SuppressFinalize(this);
    }

    private string CreatedDirectory()
    {
        Directory.CreateDirectory(_files.Path);
        return _files.Path;
    }

    /// <summary>Every row as the file holds it, before the import's unescaping.</summary>
    private static List<Dictionary<string, string>> RawRows(string csvText)
    {
        using var csv = new CsvReader(new StringReader(csvText), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h)!));
        }
        return rows;
    }

    /// <summary>The file without the administrator's row, and with the username column emptied (usernames are unique across companies).</summary>
    private static string WithoutUsernames(string csvText)
    {
        var writer = new StringWriter();
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            var rows = RawRows(csvText);
            var header = rows[0].Keys.ToList();
            header.ForEach(csv.WriteField);
            csv.NextRecord();
            foreach (var row in rows.Where(r => r["lastName"] != "Administrator"))
            {
                header.ForEach(h => csv.WriteField(h == "username" ? "" : row[h]));
                csv.NextRecord();
            }
        }
        return writer.ToString();
    }

    /// <summary>The company's users but its administrator, by what an import carries (not ids or usernames).</summary>
    private static async Task<List<string>> ProfilesAsync(TestCompany company)
    {
        var users = (await company.Admin.GetObjectAsync("/v1/users"))["data"]!.AsArray().Select(u => u!.AsObject())
            .Where(u => u["userId"]!.GetValue<Guid>() != company.AdminId);
        return users.Select(u => string.Join("|", new[] { "firstName", "lastName", "employeeId", "email", "cellPhoneCountry", "cellPhoneNumber" }
            .Select(f => u[f]?.GetValue<string>() ?? "<null>"))).Order(StringComparer.Ordinal).ToList();
    }
}
