using FleetUsers.Application.Ports;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Hosting;

/// <summary>
/// Start-up on an empty database: the first company, its administrator and (optionally) demo
/// data. Each test starts apps of its own on a new temporary SQLite database (PostgreSQL's
/// start-up, with two instances at once, is covered by MultiInstanceTests).
/// </summary>
public sealed partial class BootstrapTests(FleetUsersApp app)
{
    [StoreFact(Only = "sqlite")]
    public async Task FirstStart_WithoutAnAdminPassword_PrintsAGeneratedOneOnce_ThatLogsInAsTheAdmin()
    {
        using var directory = new TemporaryDirectory();
        var admin = "first-admin-" + Unique.Suffix();
        await using var fresh = FreshApp.Start(app, directory.Path, Settings(admin, password: null, demoData: false));

        var password = Assert.Single(GeneratedPasswords(fresh.Console.ToString()));

        Assert.Equal(admin, password.Username);
        var client = await fresh.LoginAsync(admin, password.Password);
        await ExpectAdministratorAtTheRootAsync(client, admin);
    }

    [StoreFact(Only = "sqlite")]
    public async Task FirstStart_WritesTheGeneratedPasswordToAFileOnlyItsOwnerMayRead_BesideTheDatabase_NeverToTheConsole()
    {
        using var directory = new TemporaryDirectory();
        var admin = "file-admin-" + Unique.Suffix();
        await using var fresh = FreshApp.Start(app, directory.Path, Settings(admin, password: null, demoData: false));

        var printed = fresh.Console.ToString();
        var (_, password) = Assert.Single(GeneratedPasswords(printed));
        var file = PasswordFile(printed);

        Assert.Equal(Path.Combine(directory.Path, admin + ".password"), file);
        Assert.DoesNotContain(password, printed, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [StoreFact(Only = "sqlite")]
    public async Task ThePasswordFile_IsRemovedAtTheAdministratorsFirstLogin()
    {
        using var directory = new TemporaryDirectory();
        var admin = "login-admin-" + Unique.Suffix();
        await using var fresh = FreshApp.Start(app, directory.Path, Settings(admin, password: null, demoData: false));
        var printed = fresh.Console.ToString();
        var (_, password) = Assert.Single(GeneratedPasswords(printed));

        await HttpAssert.ExpectEmptyAsync(await fresh.PostLoginAsync(admin, "Wrong-Pass-123"), HttpStatusCode.Unauthorized);
        Assert.True(File.Exists(PasswordFile(printed)), "a failed login removed the file");
        await fresh.LoginAsync(admin, password);

        Assert.False(File.Exists(PasswordFile(printed)));
    }

    [StoreFact(Only = "sqlite")]
    public async Task ThePasswordFile_IsRemovedWhenAnOperatorResetsThePassword()
    {
        using var directory = new TemporaryDirectory();
        var admin = "reset-admin-" + Unique.Suffix();
        await using var fresh = FreshApp.Start(app, directory.Path, Settings(admin, password: null, demoData: false));
        var file = PasswordFile(fresh.Console.ToString());

        var reset = await Infrastructure.Cli.RunAsync(
            new Dictionary<string, string?>(SqliteApp.Settings(directory.Path))
            {
                ["Auth:Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
                ["Auth:Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
            },
            "users", "reset-password", "--username", admin, "--password", "Reset-Admin-Pass-1");

        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.False(File.Exists(file));
    }

    [StoreFact(Only = "sqlite")]
    public async Task ThePasswordFile_IsRemovedWhenAnotherAdministratorGivesTheUserANewPassword()
    {
        using var directory = new TemporaryDirectory();
        var admin = "put-admin-" + Unique.Suffix();
        await using var fresh = FreshApp.Start(app, directory.Path, Settings(admin, password: null, demoData: false));
        var file = PasswordFile(fresh.Console.ToString());
        var other = await OtherRootAdministratorAsync(fresh);
        var adminUser = await HttpAssert.ReadObjectAsync(await other.GetAsync($"/v1/users/{admin}?searchBy=Username"));
        var body = new JsonObject
        {
            ["allowVideoSearchDownload"] = false, ["cellPhoneCountry"] = null, ["cellPhoneNumber"] = null, ["email"] = null,
            ["employeeId"] = null, ["firstName"] = "Company", ["lastName"] = "Administrator", ["loginEnabled"] = true,
            ["groupRoles"] = adminUser["groupRoles"]!.DeepClone(), ["primaryGroupId"] = null, ["status"] = "Active",
            ["username"] = admin, ["password"] = "Given-By-Other-1",
        };

        await HttpAssert.ExpectAsync(await other.PutJsonAsync($"/v1/users/{adminUser["userId"]}", body), HttpStatusCode.OK);

        Assert.False(File.Exists(file));
    }

    /// <summary>A second administrator at the root (as an operator's reset would give one a password), logged in.</summary>
    private static async Task<HttpClient> OtherRootAdministratorAsync(FreshApp fresh)
    {
        var username = "other-admin-" + Unique.Suffix();
        var services = fresh.Factory.Services;
        var database = services.GetRequiredService<IDatabase>();
        var hash = await services.GetRequiredService<FleetUsers.Application.Auth.PasswordHashing>().HashAsync("Other-Admin-Pass-1", CancellationToken.None);
        await using (var session = await database.BeginAsync(write: true, CancellationToken.None))
        {
            var root = (await session.Companies.ListAsync(CancellationToken.None)).Single();
            var tree = await session.Groups.LoadTreeAsync(root.Id, CancellationToken.None);
            var rootGroup = tree.Groups.Single(g => g.ParentId is null).Id;
            var now = DateTimeOffset.UtcNow;
            await session.Users.InsertAsync(new FleetUsers.Application.Users.UserAccount
            {
                Id = Guid.CreateVersion7(), CompanyId = root.Id, PasswordHash = hash, CreatedDate = now, UpdatedDate = now, Version = 1,
                Profile = new FleetUsers.Domain.Users.UserProfile
                {
                    FirstName = "Other", LastName = "Admin", Username = username, Status = "Active", LoginEnabled = true,
                    GroupRoles = [new(rootGroup, RoleCatalog.Administrator)],
                },
            }, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        return await fresh.LoginAsync(username, "Other-Admin-Pass-1");
    }

    [StoreFact(Only = "sqlite")]
    public async Task ThePasswordFile_IsRemovedAtTheNextStart_AfterTheAdministratorLoggedInThroughAnotherInstance()
    {
        using var directory = new TemporaryDirectory();
        var admin = "sweep-admin-" + Unique.Suffix();
        string file;
        await using (var first = FreshApp.Start(app, directory.Path, Settings(admin, password: null, demoData: false)))
        {
            file = PasswordFile(first.Console.ToString());
        }
        // Another instance (with a directory of its own) took the login: only the database knows.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(SqliteApp.Settings(directory.Path)["ConnectionStrings:Users"]))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE users SET last_login_date = '2026-01-01T00:00:00.0000000+00:00'";
            await command.ExecuteNonQueryAsync();
        }
        Assert.True(File.Exists(file));

        await using var second = FreshApp.Start(app, directory.Path, Settings(admin, password: null, demoData: false));

        Assert.False(File.Exists(file));
    }

    [StoreFact(Only = "sqlite")]
    public async Task AServiceProcess_KeepsTheGeneratedPasswordOutOfWhatItWritesToItsStreams()
    {
        using var directory = new TemporaryDirectory();
        var admin = "stream-admin-" + Unique.Suffix();
        await using var service = ServerProcess.Start(new Dictionary<string, string?>(SqliteApp.Settings(directory.Path))
        {
            ["Bootstrap:AdminUsername"] = admin,
            ["Auth:Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
            ["Auth:Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
        }, directory.Path);
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        var (_, password) = Assert.Single(GeneratedPasswords(service.Output));
        await service.TokenAsync(admin, password);

        Assert.DoesNotContain(password, service.Output, StringComparison.Ordinal);
    }

    [StoreFact(Only = "sqlite")]
    public async Task FirstStart_GeneratesAStrongPassword()
    {
        using var directory = new TemporaryDirectory();
        await using var fresh = FreshApp.Start(app, directory.Path, Settings("admin-" + Unique.Suffix(), password: null, demoData: false));

        var password = Assert.Single(GeneratedPasswords(fresh.Console.ToString())).Password;

        Assert.InRange(password.Length, 16, 128);
        var classes = new[] { password.Any(char.IsLower), password.Any(char.IsUpper), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) };
        Assert.True(classes.Count(c => c) >= 3, $"{password} mixes fewer than three character classes");
    }

    [StoreFact(Only = "sqlite")]
    public async Task FirstStart_GeneratesADifferentPasswordForEachDatabase()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();
        string a, b;
        await using (var fresh = FreshApp.Start(app, first.Path, Settings("admin-" + Unique.Suffix(), password: null, demoData: false)))
        {
            a = Assert.Single(GeneratedPasswords(fresh.Console.ToString())).Password;
        }
        await using (var fresh = FreshApp.Start(app, second.Path, Settings("admin-" + Unique.Suffix(), password: null, demoData: false)))
        {
            b = Assert.Single(GeneratedPasswords(fresh.Console.ToString())).Password;
        }

        Assert.NotEqual(a, b);
    }

    [StoreFact(Only = "sqlite")]
    public async Task FirstStart_WithAnAdminPassword_UsesIt_AndPrintsNoGeneratedPassword()
    {
        using var directory = new TemporaryDirectory();
        var admin = "given-admin-" + Unique.Suffix();
        const string password = "Given-Admin-Pass-9";
        await using var fresh = FreshApp.Start(app, directory.Path, Settings(admin, password, demoData: false));

        var printed = fresh.Console.ToString();

        Assert.Empty(GeneratedPasswords(printed));
        Assert.DoesNotContain(password, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("generated", printed, StringComparison.OrdinalIgnoreCase);
        var client = await fresh.LoginAsync(admin, password);
        await ExpectAdministratorAtTheRootAsync(client, admin);
        await HttpAssert.ExpectEmptyAsync(await fresh.PostLoginAsync(admin, "Other-Admin-Pass-9"), HttpStatusCode.Unauthorized);
    }

    [StoreFact(Only = "sqlite")]
    public async Task SecondStart_OnTheSameDatabase_CreatesNothing_AndPrintsNoPassword()
    {
        using var directory = new TemporaryDirectory();
        var admin = "admin-" + Unique.Suffix();
        string password;
        string groupsBefore, usersBefore;
        await using (var first = FreshApp.Start(app, directory.Path, Settings(admin, password: null, demoData: true)))
        {
            password = Assert.Single(GeneratedPasswords(first.Console.ToString())).Password;
            var client = await first.LoginAsync(admin, password);
            groupsBefore = await GroupIdsAsync(client);
            usersBefore = await UserIdsAsync(client);
        }

        await using var second = FreshApp.Start(app, directory.Path, Settings(admin, password: null, demoData: true));

        var printed = second.Console.ToString();
        Assert.Empty(GeneratedPasswords(printed));
        Assert.DoesNotContain(password, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("created", printed, StringComparison.OrdinalIgnoreCase);
        var again = await second.LoginAsync(admin, password);
        Assert.Equal(groupsBefore, await GroupIdsAsync(again));
        Assert.Equal(usersBefore, await UserIdsAsync(again));
    }

    [StoreFact(Only = "sqlite")]
    public async Task FirstStart_StoppedByABadSetting_CreatesNothing_SoTheNextStartStillPrintsAPassword()
    {
        using var directory = new TemporaryDirectory();
        var admin = "admin-" + Unique.Suffix();
        var bad = Settings(admin, password: null, demoData: false);
        bad["Auth:SigningKey"] = "too-short";

        Assert.ThrowsAny<Exception>(() => FreshApp.Start(app, directory.Path, bad));
        await using var next = FreshApp.Start(app, directory.Path, Settings(admin, password: null, demoData: false));

        var password = Assert.Single(GeneratedPasswords(next.Console.ToString())).Password;
        await next.LoginAsync(admin, password);
    }

    [StoreFact(Only = "sqlite")]
    public async Task SecondStart_WithADifferentAdminPassword_DoesNotChangeTheStoredOne()
    {
        using var directory = new TemporaryDirectory();
        var admin = "admin-" + Unique.Suffix();
        await FreshApp.Start(app, directory.Path, Settings(admin, "First-Admin-Pass-1", demoData: false)).DisposeAsync();

        await using var second = FreshApp.Start(app, directory.Path, Settings(admin, "Second-Admin-Pass-2", demoData: false));

        await second.LoginAsync(admin, "First-Admin-Pass-1");
        await HttpAssert.ExpectEmptyAsync(await second.PostLoginAsync(admin, "Second-Admin-Pass-2"), HttpStatusCode.Unauthorized);
    }

    [StoreFact(Only = "sqlite")]
    public async Task FirstStart_WithDemoData_BuildsATreeTwoLevelsBelowTheRootWithSiblings_AndDemoUsers()
    {
        using var directory = new TemporaryDirectory();
        var admin = "admin-" + Unique.Suffix();
        await using var fresh = FreshApp.Start(app, directory.Path, Settings(admin, "Demo-Admin-Pass-1", demoData: null));
        var client = await fresh.LoginAsync(admin, "Demo-Admin-Pass-1");

        var groups = await GroupsAsync(client);

        var root = Assert.Single(groups, g => g["parentId"] is null);
        var levels = groups.ToDictionary(Id, g => g["fullPathId"]!.GetValue<string>().Split('\\').Length);
        Assert.True(levels.Values.Max() >= 3, "no group lies two levels below the root");
        Assert.Contains(groups.GroupBy(g => g["parentId"]?.GetValue<string>()), siblings => siblings.Key is not null && siblings.Count() >= 2);
        Assert.All(groups, g => Assert.Equal(Id(root), Guid.Parse(g["rootGroupId"]!.GetValue<string>())));

        var users = await UsersAsync(client);
        var demoUsers = users.Where(u => u["username"]!.GetValue<string>() != admin).ToList();
        Assert.NotEmpty(demoUsers);
        Assert.Contains(demoUsers, u => u["groupRoles"]!.AsArray().Any(r => Guid.Parse(r!["groupId"]!.GetValue<string>()) != Id(root)));
    }

    [StoreFact(Only = "sqlite")]
    public async Task FirstStart_WithoutDemoData_HasOnlyTheRootGroupAndTheAdmin()
    {
        using var directory = new TemporaryDirectory();
        var admin = "admin-" + Unique.Suffix();
        await using var fresh = FreshApp.Start(app, directory.Path, Settings(admin, "Lone-Admin-Pass-1", demoData: false));
        var client = await fresh.LoginAsync(admin, "Lone-Admin-Pass-1");

        var group = Assert.Single(await GroupsAsync(client));
        var user = Assert.Single(await UsersAsync(client));

        Assert.Null(group["parentId"]);
        Assert.Equal(admin, user["username"]!.GetValue<string>());
    }

    [StoreFact(Only = "sqlite")]
    public async Task FirstStart_NamesTheRootGroupAfterTheConfiguredCompany()
    {
        using var directory = new TemporaryDirectory();
        var admin = "admin-" + Unique.Suffix();
        var companyName = "Acme Haulage " + Unique.Suffix();
        var settings = Settings(admin, "Acme-Admin-Pass-1", demoData: false);
        settings["Bootstrap:CompanyName"] = companyName;
        await using var fresh = FreshApp.Start(app, directory.Path, settings);
        var client = await fresh.LoginAsync(admin, "Acme-Admin-Pass-1");

        var root = Assert.Single(await GroupsAsync(client));

        Assert.Equal(companyName, root["name"]!.GetValue<string>());
        Assert.Equal(companyName, root["fullPath"]!.GetValue<string>());
        Assert.Contains(companyName, fresh.Console.ToString(), StringComparison.Ordinal);
    }

    [StoreFact(Only = "sqlite")]
    public async Task FirstStart_WithDemoData_PutsTheDemoTreeUnderTheConfiguredCompany()
    {
        using var directory = new TemporaryDirectory();
        var admin = "admin-" + Unique.Suffix();
        var companyName = "Acme Haulage " + Unique.Suffix();
        var settings = Settings(admin, "Acme-Admin-Pass-1", demoData: true);
        settings["Bootstrap:CompanyName"] = companyName;
        await using var fresh = FreshApp.Start(app, directory.Path, settings);
        var client = await fresh.LoginAsync(admin, "Acme-Admin-Pass-1");

        var groups = await GroupsAsync(client);

        Assert.True(groups.Count > 1);
        Assert.All(groups, g => Assert.StartsWith(companyName, g["fullPath"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    /// <summary>The bootstrap settings; a null password is left out (generated), a null demoData keeps the default.</summary>
    private static Dictionary<string, string?> Settings(string adminUsername, string? password, bool? demoData)
    {
        var settings = new Dictionary<string, string?> { ["Bootstrap:AdminUsername"] = adminUsername };
        if (password is not null)
        {
            settings["Bootstrap:AdminPassword"] = password;
        }
        if (demoData is { } demo)
        {
            settings["Bootstrap:DemoData"] = demo ? "true" : "false";
        }
        return settings;
    }

    private static async Task ExpectAdministratorAtTheRootAsync(HttpClient client, string admin)
    {
        var root = Assert.Single(await GroupsAsync(client), g => g["parentId"] is null);
        var response = await client.GetAsync($"/v1/users/{admin}?searchBy=Username");
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var user = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(admin, user["username"]!.GetValue<string>());
        Assert.True(user["loginEnabled"]!.GetValue<bool>());
        Assert.Equal("Active", user["status"]!.GetValue<string>());
        var roles = user["groupRoles"]!.AsArray().Select(r => (Guid.Parse(r!["groupId"]!.GetValue<string>()), r["roleId"]!.GetValue<int>())).Order();
        Assert.Equal([(Id(root), RoleCatalog.Administrator), (Id(root), RoleCatalog.GroupManager)], roles);
    }

    private static async Task<List<JsonObject>> GroupsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/v1/groups");
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        return (await HttpAssert.ReadObjectAsync(response))["groups"]!.AsArray().Select(g => g!.AsObject()).ToList();
    }

    private static async Task<List<JsonObject>> UsersAsync(HttpClient client)
    {
        var response = await client.GetAsync("/v1/users");
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        return (await HttpAssert.ReadObjectAsync(response))["data"]!.AsArray().Select(u => u!.AsObject()).ToList();
    }

    private static async Task<string> GroupIdsAsync(HttpClient client) =>
        string.Join(",", (await GroupsAsync(client)).Select(Id).Order());

    private static async Task<string> UserIdsAsync(HttpClient client) =>
        string.Join(",", (await UsersAsync(client)).Select(u => u["userId"]!.GetValue<string>()).Order(StringComparer.Ordinal));

    private static Guid Id(JsonObject group) => Guid.Parse(group["id"]!.GetValue<string>());

    /// <summary>The generated passwords start-up told of, read from the files it named.</summary>
    private static List<(string Username, string Password)> GeneratedPasswords(string printed) =>
        GeneratedPasswordLine().Matches(printed).Select(m => (m.Groups["user"].Value, File.ReadAllText(m.Groups["file"].Value).Trim())).ToList();

    private static string PasswordFile(string printed) => GeneratedPasswordLine().Match(printed).Groups["file"].Value;

    [GeneratedRegex("""^The generated password of "(?<user>[^"]+)" is in (?<file>.+?) \(readable by this account only\)""", RegexOptions.Multiline)]
    private static partial Regex GeneratedPasswordLine();
}
