using System.Text.RegularExpressions;
using FleetUsers.Domain.Roles;
using FleetUsers.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FleetUsers.Web.Tests.Console;

public sealed class UserListTestsOnSqlite(Chromium chromium, SqliteConsole app) : UserListTests(chromium, app);

public sealed class UserListTestsOnPostgres(Chromium chromium, PostgresConsole app) : UserListTests(chromium, app);

/// <summary>The users list: search as one types, filters, paging, and only the users the caller may read.</summary>
public abstract class UserListTests(Chromium chromium, ConsoleApp app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task Search_FindsAUser_AsOneTypes_WithoutLeavingTheField()
    {
        var company = await App.NewCompanyAsync();
        await company.CreateUserAsync(company.RootId, firstName: "Marta", lastName: "Alvarez", employeeId: "E-1001");
        await company.CreateUserAsync(company.RootId, firstName: "Oren", lastName: "Bishop");
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync("/console/users");
        await Expect(Rows(page)).ToHaveCountAsync(3); // the administrator and the two

        var search = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" });
        // Slower than the pause that submits: each letter asks for a list while the next is typed, and no
        // list that comes back for an earlier text may undo a letter typed since.
        await search.PressSequentiallyAsync("alva", new() { Delay = 400 });

        await Expect(page).ToHaveURLAsync(new Regex("/console/users\\?.*q=alva"));
        await Expect(Rows(page)).ToHaveCountAsync(1);
        await Expect(Rows(page).First).ToContainTextAsync("Alvarez, Marta");
        await Expect(Rows(page).First).ToContainTextAsync("E-1001");
        await Expect(search).ToBeFocusedAsync();

        // Typing on after the list came back keeps what was typed and narrows again: no match.
        await search.PressSequentiallyAsync("xyz", new() { Delay = 50 });
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("No users match.");
        await Expect(search).ToHaveValueAsync("alvaxyz");

        // By employee id too, as the API's searchText.
        await search.FillAsync("E-1001");
        await Expect(Rows(page)).ToHaveCountAsync(1);
        await Expect(Rows(page).First).ToContainTextAsync("Alvarez, Marta");
    }

    [Fact]
    public async Task Filters_ByGroupWithSubGroups_Role_Status_AndSignIn()
    {
        var company = await App.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var depot = await company.AddGroupAsync("Depot 7", west);
        await company.CreateUserAsync(west, RoleCatalog.Coach, lastName: "Westcoach");
        await company.CreateUserAsync(depot, RoleCatalog.Driver, lastName: "Depotdriver");
        await company.CreateUserAsync(depot, RoleCatalog.Driver, lastName: "Gone", status: "Inactive");
        await company.CreateUserAsync(depot, RoleCatalog.Driver, lastName: "Nologin", loginEnabled: false);
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync("/console/users");

        await page.GetByLabel("Group", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{company.Name} / West" });
        await ShowAsync(page);
        await Expect(Names(page)).ToHaveTextAsync(["Depotdriver, Test", "Gone, Test", "Nologin, Test", "Westcoach, Test"]);

        await page.GetByLabel("Not its sub-groups").CheckAsync();
        await ShowAsync(page);
        await Expect(Names(page)).ToHaveTextAsync(["Westcoach, Test"]);

        await page.GetByLabel("Not its sub-groups").UncheckAsync();
        await page.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Driver" });
        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Active" });
        await page.GetByLabel("Sign-in").SelectOptionAsync(new SelectOptionValue { Label = "Enabled" });
        await ShowAsync(page);
        await Expect(Names(page)).ToHaveTextAsync(["Depotdriver, Test"]);

        await page.GetByLabel("Sign-in").SelectOptionAsync(new SelectOptionValue { Label = "Enabled or not" });
        await page.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Any role" });
        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Any status" });
        await page.GetByLabel("Order").SelectOptionAsync(new SelectOptionValue { Label = "Name, Z to A" });
        await ShowAsync(page);
        await Expect(Names(page)).ToHaveTextAsync(["Westcoach, Test", "Nologin, Test", "Gone, Test", "Depotdriver, Test"]);

        await page.GetByLabel("Sign-in").SelectOptionAsync(new SelectOptionValue { Label = "Disabled" });
        await ShowAsync(page);
        await Expect(Names(page)).ToHaveTextAsync(["Nologin, Test"]);
        await Expect(Rows(page).First).ToContainTextAsync("Active, cannot sign in");
        // The filters stay as chosen, in the form and in the address (a reload shows the same list).
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Sign-in")).ToHaveValueAsync("disabled");
        await Expect(Names(page)).ToHaveTextAsync(["Nologin, Test"]);
    }

    [Fact]
    public async Task Paging_FiftyAPage_NextAndPrevious_KeepTheFilters()
    {
        var company = await App.NewCompanyAsync();
        var yard = await company.AddGroupAsync("Yard");
        for (var i = 0; i < 51; i++)
        {
            await company.CreateUserAsync(yard, lastName: $"Driver{i:D2}");
        }
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync($"/console/users?group={yard}");

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Showing 1–50 of 51 users.");
        await Expect(Rows(page)).ToHaveCountAsync(50);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Showing 51–51 of 51 users.");
        await Expect(Names(page)).ToHaveTextAsync(["Driver50, Test"]);
        Assert.Contains($"group={yard}", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
        await Expect(Names(page).First).ToHaveTextAsync("Driver00, Test");
    }

    [Fact]
    public async Task AScopedAdministrator_SeesOnlyItsDepot_AndAnotherDepotIsNotFound()
    {
        var company = await App.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var wendy = await company.CreateUserAsync(west, RoleCatalog.Administrator, lastName: "Westbrook");
        await company.CreateUserAsync(west, lastName: "Westdriver");
        await company.CreateUserAsync(east, lastName: "Eastdriver");
        var other = await App.NewCompanyAsync();
        await other.CreateUserAsync(other.RootId, lastName: "Elsewhere");
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, wendy.Username);

        await page.GotoAsync("/console/users");

        await Expect(Names(page)).ToHaveTextAsync(["Westbrook, Test", "Westdriver, Test"]);
        var groups = await page.GetByLabel("Group", new() { Exact = true }).Locator("option").AllTextContentsAsync();
        Assert.Equal(["Every group you can read", $"{company.Name} / West"], groups);

        var response = await page.GotoAsync($"/console/users?group={east}");
        Assert.Equal(400, response?.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Group was not found among the groups you can read.");
        await Expect(Rows(page)).ToHaveCountAsync(0);
        await page.GotoAsync("/console/users?q=driver");
        await Expect(Names(page)).ToHaveTextAsync(["Westdriver, Test"]);
    }

    [Fact]
    public async Task FiltersThatCannotBeRead_AreEachNamed_WithA400()
    {
        var company = await App.NewCompanyAsync();
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);

        var response = await page.GotoAsync($"/console/users?group=west&role=99&status=Gone&login=maybe&order=up&page=0&q={new string('x', 101)}");

        Assert.Equal(400, response?.Status);
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert.Locator("li")).ToHaveTextAsync([
            "Search must be at most 100 characters, without control characters.",
            "Group is not a group id.",
            "Role is not one of the roles.",
            "Status must be Active or Inactive.",
            "Sign-in must be enabled or disabled.",
            "Order must be asc or desc.",
            "Page must be a whole number from 1 to 42949672.",
        ]);
    }

    private static ILocator Rows(IPage page) => page.Locator("table.users tbody tr");

    private static ILocator Names(IPage page) => Rows(page).Locator("th[scope=row]");

    /// <summary>Submits the filters and waits until the list answered them.</summary>
    private static async Task ShowAsync(IPage page)
    {
        var before = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Show users" }).ClickAsync();
        await page.WaitForURLAsync(url => url != before);
    }
}
