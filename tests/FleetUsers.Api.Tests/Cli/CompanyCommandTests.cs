using System.Net;
using System.Text.RegularExpressions;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Cli;

/// <summary>companies create|list, users reset-password and migrate, run in-process on the test app's database.</summary>
public sealed partial class CompanyCommandTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task CompaniesCreate_WithoutAPassword_PrintsAGeneratedOneOnce_AndTheAdministratorLogsInWithIt()
    {
        var name = "Second Fleet " + Unique.Suffix();
        var admin = "second-" + Unique.Suffix();

        var result = await Infrastructure.Cli.SucceedAsync(app, "companies", "create", "--name", name, "--admin-username", admin);

        var password = GeneratedPassword().Match(result.Output).Groups[1].Value;
        Assert.NotEmpty(password);
        var client = await app.LoginAsync(admin, password);
        var groups = await client.GetObjectAsync("/v1/groups");
        Assert.Equal(name, groups["groups"]![0]!["name"]!.GetValue<string>());
        Assert.Contains(name, (await Infrastructure.Cli.SucceedAsync(app, "companies", "list")).Output, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task CompaniesCreate_WithAGivenPassword_PrintsNoPassword()
    {
        var admin = "given-" + Unique.Suffix();

        var result = await Infrastructure.Cli.SucceedAsync(app, "companies", "create", "--name", "Given " + Unique.Suffix(),
            "--admin-username", admin, "--admin-password", "Given-Pass-42");

        Assert.DoesNotContain("Given-Pass-42", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Generated password", result.Output, StringComparison.Ordinal);
        await app.LoginAsync(admin, "Given-Pass-42");
    }

    [StoreFact]
    public async Task CompaniesCreate_WithATakenUsernameOrAWeakPassword_Exits1NamingTheProblem_AndCreatesNothing()
    {
        var existing = await app.NewCompanyAsync();
        var name = "Refused " + Unique.Suffix();

        var taken = await Infrastructure.Cli.RunAsync(app, "companies", "create", "--name", name, "--admin-username", existing.AdminUsername);
        var weak = await Infrastructure.Cli.RunAsync(app, "companies", "create", "--name", name, "--admin-username", "weak-" + Unique.Suffix(), "--admin-password", "short");

        Assert.Equal(1, taken.ExitCode);
        Assert.Contains("already taken", taken.Error, StringComparison.Ordinal);
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("password", weak.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(name, (await Infrastructure.Cli.SucceedAsync(app, "companies", "list")).Output, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task CompaniesCreate_WithoutRequiredOptions_FailsWithUsage()
    {
        var result = await Infrastructure.Cli.RunAsync(app, "companies", "create", "--name", "No admin");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--admin-username", result.Error, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task ResetPassword_SetsANewPassword_AndTheOldOneStopsWorking()
    {
        var company = await app.NewCompanyAsync();

        var result = await Infrastructure.Cli.SucceedAsync(app, "users", "reset-password", "--username", company.AdminUsername);

        var password = GeneratedPassword().Match(result.Output).Groups[1].Value;
        await app.LoginAsync(company.AdminUsername, password);
        var old = await app.CreateClient().PostAsync("/api/auth/user",
            Json.Content($$"""{"username": "{{company.AdminUsername}}", "password": "Admin-Pass-1"}"""));
        await HttpAssert.ExpectEmptyAsync(old, HttpStatusCode.Unauthorized);
        // A password change by an operator is in the user's audit trail too: that it changed, by whom, never the value.
        var client = await app.LoginAsync(company.AdminUsername, password);
        var entry = (await client.GetObjectAsync($"/v1/users/{company.AdminId}/auditLogs"))["data"]!.AsArray()[0]!;
        Assert.Equal("resetPassword", entry["action"]!.GetValue<string>());
        Assert.Equal("operator", entry["actor"]!["type"]!.GetValue<string>());
        var change = Assert.Single(entry["changes"]!.AsArray())!;
        Assert.Equal("password", change["field"]!.GetValue<string>());
        Assert.Equal("changed", change["newValue"]!.GetValue<string>());
        Assert.DoesNotContain(password, entry.ToJsonString(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task ResetPassword_OfAnUnknownUserOrWithAWeakPassword_Exits1()
    {
        var company = await app.NewCompanyAsync();

        Assert.Equal(1, (await Infrastructure.Cli.RunAsync(app, "users", "reset-password", "--username", "nobody-" + Unique.Suffix())).ExitCode);
        Assert.Equal(1, (await Infrastructure.Cli.RunAsync(app, "users", "reset-password", "--username", company.AdminUsername, "--password", "weak")).ExitCode);
        await app.LoginAsync(company.AdminUsername, "Admin-Pass-1");
    }

    [StoreFact]
    public async Task Migrate_OnAnUpToDateDatabase_Succeeds()
    {
        var result = await Infrastructure.Cli.SucceedAsync(app, "migrate");

        Assert.Contains("up to date", result.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"shown only this once\): (\S+)")]
    private static partial Regex GeneratedPassword();
}
