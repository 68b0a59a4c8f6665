using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Cli;

/// <summary>users import and users export: the API's rules on every row, all or nothing, bad rows by line number.</summary>
public sealed class UserImportCommandTests(FleetUsersApp app) : IDisposable
{
    private readonly TemporaryDirectory _files = new();

    [StoreFact]
    public async Task Import_AValidFile_ImportsEveryRow_WithTheirGroupRoles_AndTheApiShowsThem()
    {
        var (company, root) = await NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var first = Unique.Letters();
        var file = await WriteAsync(
            "firstName,lastName,username,employeeId,email,groupRoles,primaryGroup,allowVideoSearchDownload,status",
            $"Ann,Lee,ann-{Unique.Suffix()},E-1,ann@example.com,{root}\\West:Driver,,,",
            $"Vic,Ray,,E-2,,{root}\\West:Video Reviewer;{root}:coach,{root}\\West,true,inactive",
            $"{first},Smith,,,,{west}:4,,,");

        var result = await Infrastructure.Cli.SucceedAsync(app, "users", "import", "--company", company.CompanyId.ToString(), "--file", file);

        Assert.Contains("Imported 3 users", result.Output, StringComparison.Ordinal);
        var users = (await company.Admin.GetObjectAsync($"/v1/users?groupId={west}"))["data"]!.AsArray().Select(u => u!.AsObject()).ToList();
        Assert.Equal(3, users.Count);
        var vic = users.Single(u => u["firstName"]!.GetValue<string>() == "Vic");
        Assert.Equal("VicRayE-2", vic["username"]!.GetValue<string>()[..9]);
        Assert.Equal("Inactive", vic["status"]!.GetValue<string>());
        Assert.True(vic["allowVideoSearchDownload"]!.GetValue<bool>());
        Assert.False(vic["loginEnabled"]!.GetValue<bool>());
        Assert.Equal(west.ToString(), vic["primaryGroupId"]!.GetValue<string>());
        Assert.Equal(2, vic["groupRoles"]!.AsArray().Count);
        Assert.Contains(users, u => u["username"]!.GetValue<string>() == $"{first}Smith");
        // Each imported user's audit trail starts with the import, by the command line's operator.
        var entry = Assert.Single((await company.Admin.GetObjectAsync($"/v1/users/{vic["userId"]}/auditLogs"))["data"]!.AsArray())!;
        Assert.Equal("import", entry["action"]!.GetValue<string>());
        Assert.Equal("operator", entry["actor"]!["type"]!.GetValue<string>());
        Assert.Contains(entry["changes"]!.AsArray(), c => c!["field"]!.GetValue<string>() == "status" && c["newValue"]!.GetValue<string>() == "Inactive");
    }

    [StoreFact]
    public async Task Import_WithOneBadRow_ReportsItByLineNumber_AndImportsNothing()
    {
        var (company, root) = await NewCompanyAsync();
        var file = await WriteAsync(
            "firstName,lastName,email,groupRoles",
            $"Ann,Lee,ann@example.com,{root}:Driver",
            $"Bob,Stone,not-an-email,{root}:Driver",
            $"Cy,Young,cy@example.com,{root}:Driver");

        var result = await Infrastructure.Cli.RunAsync(app, "users", "import", "--company", company.CompanyId.ToString(), "--file", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 3: email must be a valid email address", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 4", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported: 1 of 3 rows are bad", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await company.Admin.GetObjectAsync("/v1/users"))["metadata"]!["count"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task Import_ReportsEveryBadRow_WithEveryProblemOfEach()
    {
        var (company, root) = await NewCompanyAsync();
        var existing = await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = "E-9");
        var dup = "dup-" + Unique.Suffix();
        var file = await WriteAsync(
            "firstName,lastName,username,employeeId,cellPhoneCountry,groupRoles",
            $",Lee,,,,{root}:Driver",
            $"Bob,Stone,{dup},,MX,{root}\\Nowhere:Driver",
            $"Cy,Young,{dup.ToUpperInvariant()},,,{root}:Pilot",
            $"Di,Ross,{existing.Username},e-9,,{root}:Driver",
            $"Ed,Wood,,,,");

        var result = await Infrastructure.Cli.RunAsync(app, "users", "import", "--company", company.CompanyId.ToString(), "--file", file);

        Assert.Equal(1, result.ExitCode);
        string[] expected =
        [
            "line 2: firstName must not be empty",
            "line 3: cellPhoneCountry must be US or CA",
            $"line 3: groupRoles[0] group {root}\\Nowhere is not a group of this company",
            "line 4: groupRoles[0] role Pilot is not a role of the catalogue",
            $"line 5: username {existing.Username} is already taken",
            "line 5: employeeId e-9 is already taken in this company",
            "line 6: groupRoles is required",
        ];
        Assert.All(expected, e => Assert.Contains(e, result.Error, StringComparison.Ordinal));
        Assert.Contains("Nothing was imported: 5 of 5 rows are bad", result.Error, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Import_AUsernameOrEmployeeIdTwiceInTheFile_ReportsTheLaterRowWithTheFirstOnesLine()
    {
        var (company, root) = await NewCompanyAsync();
        var name = "twice-" + Unique.Suffix();
        var file = await WriteAsync(
            "firstName,lastName,username,employeeId,groupRoles",
            $"Ann,Lee,{name},E-1,{root}:Driver",
            $"Bob,Lee,{name.ToUpperInvariant()},e-1,{root}:Driver");

        var result = await Infrastructure.Cli.RunAsync(app, "users", "import", "--company", company.CompanyId.ToString(), "--file", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"line 3: username {name.ToUpperInvariant()} is also on line 2", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 3: employeeId e-1 is also on line 2", result.Error, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Import_LineNumbersCountPhysicalLines_ThroughQuotedLineBreaksAndBlankLines()
    {
        var (company, root) = await NewCompanyAsync();
        var file = await WriteAsync(
            "firstName,lastName,email,groupRoles",
            $"Ann,\"Lee\nJones\",ann@example.com,{root}:Driver",
            "",
            $"Bob,Stone,bad-email,{root}:Driver",
            $"Cy,Young,cy@example.com,{root}:Driver,extra");

        var result = await Infrastructure.Cli.RunAsync(app, "users", "import", "--company", company.CompanyId.ToString(), "--file", file);

        Assert.Contains("line 2: lastName must not contain control characters", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 5: email must be a valid email address", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 6: the row has 5 fields, the header has 4", result.Error, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Import_WithAnUnknownOrMissingColumn_RefusesTheFileBeforeAnyRow()
    {
        var (company, root) = await NewCompanyAsync();
        var file = await WriteAsync("firstName,surname,groupRoles", $"Ann,Lee,{root}:Driver");

        var result = await Infrastructure.Cli.RunAsync(app, "users", "import", "--company", company.CompanyId.ToString(), "--file", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("column surname is not known", result.Error, StringComparison.Ordinal);
        Assert.Contains("column lastName is required", result.Error, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Import_IntoAnUnknownCompany_Exits1()
    {
        var file = await WriteAsync("firstName,lastName,groupRoles", "Ann,Lee,x:Driver");

        var result = await Infrastructure.Cli.RunAsync(app, "users", "import", "--company", Guid.NewGuid().ToString(), "--file", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No company", result.Error, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Import_ReportsItsProgress_OnTheErrorStream()
    {
        var (company, root) = await NewCompanyAsync();
        var rows = Enumerable.Range(0, 2_500).Select(i => $"P{i},{Unique.Letters()},{root}:Driver");
        var file = await WriteAsync(["firstName,lastName,groupRoles", .. rows]);

        var result = await Infrastructure.Cli.SucceedAsync(app, "users", "import", "--company", company.CompanyId.ToString(), "--file", file);

        Assert.Contains("Checking rows", result.Error, StringComparison.Ordinal);
        Assert.Contains("Writing users", result.Error, StringComparison.Ordinal);
        Assert.Contains("2,500/2,500", result.Error, StringComparison.Ordinal);
        Assert.Equal(2_501, (await company.Admin.GetObjectAsync("/v1/users?limit=1"))["metadata"]!["count"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task Export_WritesEveryUserInTheImportFormat_AndItImportsIntoAnotherCompany()
    {
        var (company, root) = await NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        await company.CreateUserAsync(west, RoleCatalog.VideoReviewer, customize: b =>
        {
            b["employeeId"] = "E-7";
            b["email"] = "vera@example.com";
            b["allowVideoSearchDownload"] = true;
            b["primaryGroupId"] = west;
        });

        var export = await Infrastructure.Cli.SucceedAsync(app, "users", "export", "--company", company.CompanyId.ToString());

        var lines = export.Output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("firstName,lastName,username,employeeId,email,cellPhoneCountry,cellPhoneNumber,status,groupRoles,primaryGroup,allowVideoSearchDownload", lines[0]);
        Assert.Equal(3, lines.Count);
        Assert.Contains(lines, l => l.Contains($",E-7,vera@example.com,,,Active,{root}\\West:Video Reviewer,{root}\\West,true", StringComparison.Ordinal));

        // The same file, with the usernames dropped (they are unique everywhere), imports into a company with the same tree.
        var (other, otherRoot) = await NewCompanyAsync();
        await other.AddGroupAsync("West");
        var edited = lines.Select((l, i) => i == 0 ? l : RenameRoot(DropUsername(l), root, otherRoot));
        var file = await WriteAsync([.. edited]);
        await Infrastructure.Cli.SucceedAsync(app, "users", "import", "--company", other.CompanyId.ToString(), "--file", file);
        Assert.Equal(3, (await other.Admin.GetObjectAsync("/v1/users"))["metadata"]!["count"]!.GetValue<int>());
    }

    public void Dispose()
    {
        _files.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<(TestCompany Company, string RootPath)> NewCompanyAsync()
    {
        var company = await app.NewCompanyAsync();
        var root = (await company.Admin.GetGroupAsync(company.RootId))["fullPath"]!.GetValue<string>();
        return (company, root);
    }

    private async Task<string> WriteAsync(params string[] lines)
    {
        Directory.CreateDirectory(_files.Path);
        var path = Path.Combine(_files.Path, $"users-{Unique.Suffix()}.csv");
        await File.WriteAllTextAsync(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static string DropUsername(string line)
    {
        var fields = line.Split(',');
        fields[2] = "";
        return string.Join(',', fields);
    }

    private static string RenameRoot(string line, string root, string otherRoot) => line.Replace(root, otherRoot, StringComparison.Ordinal);

}
