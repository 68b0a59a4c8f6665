using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FleetUsers.Domain.Roles;
using FleetUsers.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FleetUsers.Web.Tests.Console;

public sealed class UserEditTestsOnSqlite(Chromium chromium, SqliteConsole app) : UserEditTests(chromium, app);

public sealed class UserEditTestsOnPostgres(Chromium chromium, PostgresConsole app) : UserEditTests(chromium, app);

/// <summary>A user's page: the form of the PUT contract, its errors in the API's words, the edit race, the audit trail.</summary>
public abstract class UserEditTests(Chromium chromium, ConsoleApp app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task EditAPhoneNumber_FromTheList_Saves_AndTheAuditTrailShowsIt()
    {
        var company = await App.NewCompanyAsync();
        var driver = await company.CreateUserAsync(company.RootId, firstName: "Dana", lastName: "Phoneless");
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync("/console/users?q=Phoneless");
        await page.GetByRole(AriaRole.Link, new() { Name = "Phoneless, Dana" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dana Phoneless");

        await page.GetByLabel("Cell phone country").SelectOptionAsync("US");
        await page.GetByLabel("Cell phone number").FillAsync("+1 (555) 010-7788");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Expect(page.GetByLabel("Cell phone number")).ToHaveValueAsync("+1 (555) 010-7788");
        var stored = await Infrastructure.Api.GetAsync(company.Admin, $"/v1/users/{driver.Id}");
        Assert.Equal("+1 (555) 010-7788", stored["cellPhoneNumber"]!.GetValue<string>());
        Assert.Equal("US", stored["cellPhoneCountry"]!.GetValue<string>());
        Assert.Equal("Dana", stored["firstName"]!.GetValue<string>()); // the rest as it was

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit trail of Dana Phoneless");
        var newest = page.Locator("table.audit tbody tr").First;
        await Expect(newest).ToContainTextAsync("Updated");
        await Expect(newest).ToContainTextAsync(company.AdminUsername);
        await ExpectChangeAsync(page.Locator("table.audit"), "cellPhoneNumber", "—", "+1 (555) 010-7788");
        await Expect(page.Locator("table.audit tbody tr.entry-start").Last).ToContainTextAsync("Created");
    }

    [Fact]
    public async Task ThreeBadFields_AreEachShownNextToTheirField_AllAtOnce_AndNothingIsSaved()
    {
        var company = await App.NewCompanyAsync();
        var driver = await company.CreateUserAsync(company.RootId, firstName: "Ezra", lastName: "Wrongly");
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync($"/console/users/{driver.Id}");

        await page.GetByLabel("First name").FillAsync("");
        await page.GetByLabel("Email").FillAsync("not-an-address");
        await page.GetByLabel("Cell phone country").SelectOptionAsync("US");
        await page.GetByLabel("Cell phone number").FillAsync("12");
        var answer = page.WaitForResponseAsync(r => r.Request.Method == "POST");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        Assert.Equal(400, (await answer).Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved. 3 problems to mend:");
        await Expect(page.Locator("#firstName-error")).ToHaveTextAsync("firstName must not be empty");
        await Expect(page.Locator("#email-error")).ToHaveTextAsync("email must be a valid email address");
        await Expect(page.Locator("#cellPhoneNumber-error")).ToContainTextAsync("cellPhoneNumber must have 7 to 15 digits");
        await Expect(page.GetByLabel("Email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync("not-an-address"); // what was typed stays, to mend
        var stored = await Infrastructure.Api.GetAsync(company.Admin, $"/v1/users/{driver.Id}");
        Assert.Equal("Ezra", stored["firstName"]!.GetValue<string>());
        Assert.Null(stored["email"]);
    }

    [Fact]
    public async Task LosingTheEditRace_ShowsTheOtherChange_KeepsBoth_AndOverwritesNothingSilently()
    {
        var company = await App.NewCompanyAsync();
        var driver = await company.CreateUserAsync(company.RootId, firstName: "Kim", lastName: "Raced");
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync($"/console/users/{driver.Id}");
        await page.GetByLabel("Employee id").FillAsync("E-77");

        // Meanwhile, through the API: a new first name.
        var current = await Infrastructure.Api.GetAsync(company.Admin, $"/v1/users/{driver.Id}");
        await Infrastructure.Api.PutAsync(company.Admin, $"/v1/users/{driver.Id}", PutBody(current, b => b["firstName"] = "Kimberly"));

        var answer = page.WaitForResponseAsync(r => r.Request.Method == "POST");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        Assert.Equal(409, (await answer).Status);
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Someone else changed this user since you opened it.");
        await ExpectChangeAsync(alert.Locator("table.audit"), "firstName", "Kim", "Kimberly");
        await Expect(alert).ToContainTextAsync(company.AdminUsername);
        await Expect(page.GetByLabel("Employee id")).ToHaveValueAsync("E-77"); // our edit, kept in the form
        await Expect(page.GetByLabel("First name")).ToHaveValueAsync("Kimberly"); // theirs, in the fields we did not touch
        var stored = await Infrastructure.Api.GetAsync(company.Admin, $"/v1/users/{driver.Id}");
        Assert.Null(stored["employeeId"]); // nothing of ours was written

        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        stored = await Infrastructure.Api.GetAsync(company.Admin, $"/v1/users/{driver.Id}");
        Assert.Equal("E-77", stored["employeeId"]!.GetValue<string>());
        Assert.Equal("Kimberly", stored["firstName"]!.GetValue<string>());
    }

    [Fact]
    public async Task GroupRoles_AreRows_AddedAndRemoved_AndTheVideoSwitchComesWithAReviewerRole()
    {
        var company = await App.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var driver = await company.CreateUserAsync(west, lastName: "Rower");
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync($"/console/users/{driver.Id}");
        await Expect(page.GetByLabel("May download videos from video search")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a group role" }).ClickAsync();
        await page.GetByLabel("Group of role 2").SelectOptionAsync(new SelectOptionValue { Label = company.Name });
        await page.GetByLabel("Role of role 2").SelectOptionAsync(new SelectOptionValue { Label = "Video Reviewer" });
        await page.GetByLabel("Remove role 1").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");

        var stored = await Infrastructure.Api.GetAsync(company.Admin, $"/v1/users/{driver.Id}");
        var role = Assert.Single(stored["groupRoles"]!.AsArray());
        Assert.Equal(company.RootId.ToString(), role!["groupId"]!.GetValue<string>());
        Assert.Equal(RoleCatalog.VideoReviewer, role["roleId"]!.GetValue<int>());
        await page.GotoAsync($"/console/users/{driver.Id}"); // without the last save's "Saved."
        await page.GetByLabel("May download videos from video search").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        Assert.True((await Infrastructure.Api.GetAsync(company.Admin, $"/v1/users/{driver.Id}"))["allowVideoSearchDownload"]!.GetValue<bool>());
    }

    [Fact]
    public async Task CreateUser_UsesTheSameForm_RefusesWithoutARole_ThenCreates()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync("/console/users");
        await page.GetByRole(AriaRole.Link, new() { Name = "New user" }).ClickAsync();

        await page.GetByLabel("First name").FillAsync("Noor");
        await page.GetByLabel("Last name").FillAsync("Newhire");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Brand-New-Pass-7");
        var answer = page.WaitForResponseAsync(r => r.Request.Method == "POST");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        Assert.Equal(400, (await answer).Status);
        await Expect(page.Locator("#groupRoles-error")).ToHaveTextAsync("groupRoles must contain at least one group role");
        await Expect(page.GetByLabel("Last name")).ToHaveValueAsync("Newhire");

        await page.GetByLabel("Group of role 1").SelectOptionAsync(new SelectOptionValue { Label = company.Name });
        await page.GetByLabel("Role of role 1").SelectOptionAsync(new SelectOptionValue { Label = "Driver" });
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Brand-New-Pass-7"); // never sent back in the page
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Created.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Noor Newhire");
        var id = new Uri(page.Url).AbsolutePath.Split('/').Last();
        var stored = await Infrastructure.Api.GetAsync(company.Admin, $"/v1/users/{id}");
        Assert.Equal("Active", stored["status"]!.GetValue<string>());
        Assert.True(stored["loginEnabled"]!.GetValue<bool>());
        Assert.Equal(company.RootId.ToString(), stored["groupRoles"]![0]!["groupId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACoach_ReadsAUser_ButGetsNoForm()
    {
        var company = await App.NewCompanyAsync();
        var coach = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach);
        var driver = await company.CreateUserAsync(company.RootId, lastName: "Readonly");
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, coach.Username);

        await page.GotoAsync($"/console/users/{driver.Id}");

        await Expect(page.GetByText("You may read this user but not change it")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.Locator("dl.summary")).ToContainTextAsync("Readonly");
        await page.GotoAsync("/console/users");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New user" })).ToHaveCountAsync(0);
        var response = await page.GotoAsync("/console/users/new");
        Assert.Equal(403, response?.Status); // the "not allowed" page
    }

    /// <summary>The audit table has a row for <paramref name="field"/> whose last two cells are its old and new value.</summary>
    private static async Task ExpectChangeAsync(ILocator table, string field, string before, string after)
    {
        var row = table.Locator("tbody tr").Filter(new() { Has = table.Page.Locator("td", new() { HasTextRegex = new Regex($"^{field}$") }) }).First;
        var cells = row.Locator("td");
        await Expect(cells.Nth(-2)).ToHaveTextAsync(before);
        await Expect(cells.Nth(-1)).ToHaveTextAsync(after);
    }

    private static JsonObject PutBody(JsonObject user, Action<JsonObject> change)
    {
        var body = new JsonObject();
        foreach (var key in new[] { "allowVideoSearchDownload", "cellPhoneCountry", "cellPhoneNumber", "email", "employeeId", "firstName",
                     "groupRoles", "lastName", "loginEnabled", "primaryGroupId", "status", "username" })
        {
            body[key] = user[key]?.DeepClone();
        }
        if (body["groupRoles"] is JsonArray roles)
        {
            foreach (var role in roles.OfType<JsonObject>().ToList())
            {
                foreach (var extra in role.Select(p => p.Key).Where(k => k is not ("groupId" or "roleId")).ToList())
                {
                    role.Remove(extra);
                }
            }
        }
        change(body);
        return body;
    }
}
