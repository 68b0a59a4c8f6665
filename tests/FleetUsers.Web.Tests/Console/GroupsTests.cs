using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FleetUsers.Domain.Roles;
using FleetUsers.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FleetUsers.Web.Tests.Console;

public sealed class GroupsTestsOnSqlite(Chromium chromium, SqliteConsole app) : GroupsTests(chromium, app);

public sealed class GroupsTestsOnPostgres(Chromium chromium, PostgresConsole app) : GroupsTests(chromium, app);

/// <summary>The groups page: the tree with its counts, and a group renamed, moved, added and deleted through the API's own use cases.</summary>
public abstract class GroupsTests(Chromium chromium, ConsoleApp app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task TheTree_ShowsEachGroupsUsers_AndAGroupMoveIsSaved()
    {
        var company = await App.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var depot = await company.AddGroupAsync("Depot 9", west);
        await company.CreateUserAsync(depot);
        await company.CreateUserAsync(depot, RoleCatalog.Coach);
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);

        await page.GotoAsync("/console/groups");
        var tree = page.GetByRole(AriaRole.Navigation, new() { Name = "Group tree" });
        await Expect(tree.Locator("li", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Depot 9", Exact = true }) }).Last).ToContainTextAsync("2 users");
        await tree.GetByRole(AriaRole.Link, new() { Name = "Depot 9", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Depot 9");

        await page.GetByLabel("New parent").SelectOptionAsync(new SelectOptionValue { Label = $"{company.Name} / East" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Depot 9 is moved.");
        await Expect(page.Locator("dl.summary dd").First).ToHaveTextAsync($"{company.Name} / East / Depot 9");
        var stored = await Infrastructure.Api.GetAsync(company.Admin, $"/v1/groups/{depot}");
        Assert.Equal(east.ToString(), stored["parentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMoveTooDeep_IsRefusedInTheApisWords_AndNothingMoves()
    {
        var company = await App.NewCompanyAsync();
        var parent = company.RootId;
        for (var level = 2; level <= 13; level++)
        {
            parent = await company.AddGroupAsync($"Level {level}", parent);
        }
        var mover = await company.AddGroupAsync("Mover");
        await company.AddGroupAsync("Mover's child", mover);
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync($"/console/groups?group={mover}");

        await page.GetByLabel("New parent").SelectOptionAsync(parent.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("at most 13 levels");
        var stored = await Infrastructure.Api.GetAsync(company.Admin, $"/v1/groups/{mover}");
        Assert.Equal(company.RootId.ToString(), stored["parentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task RenameAddAndDelete_EachSaved_AndADeleteTheGroupsUsersBlockSaysSo()
    {
        var company = await App.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        await company.CreateUserAsync(west);
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync($"/console/groups?group={west}");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("West Coast");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Seattle to San Diego");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("West Coast is saved.");
        var renamed = await Infrastructure.Api.GetAsync(company.Admin, $"/v1/groups/{west}");
        Assert.Equal("West Coast", renamed["name"]!.GetValue<string>());
        Assert.Equal("Seattle to San Diego", renamed["description"]!.GetValue<string>());

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete West Coast" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("1 user(s)");
        await Infrastructure.Api.GetAsync(company.Admin, $"/v1/groups/{west}");

        await page.GetByLabel("Name of the subgroup").FillAsync("Tacoma");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add subgroup" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tacoma is created.");
        await Expect(page.Locator("dl.summary dd").First).ToHaveTextAsync($"{company.Name} / West Coast / Tacoma");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Tacoma" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The group is deleted.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("West Coast");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Group tree" }).GetByRole(AriaRole.Link, new() { Name = "Tacoma" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ARenameAfterSomeoneElsesChange_IsRefused_AndShowsTheGroupAsItIsNow()
    {
        var company = await App.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, company.AdminUsername);
        await page.GotoAsync($"/console/groups?group={west}");
        (await company.Admin.PutAsJsonAsync($"/v1/groups/{west}", new JsonObject { ["name"] = "West by API" })).EnsureSuccessStatusCode();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("West by console");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone else changed this group since you opened it");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("West by API");
        Assert.Equal("West by API", (await Infrastructure.Api.GetAsync(company.Admin, $"/v1/groups/{west}"))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task AScopedManager_SeesOnlyItsBranch_AndNoFormsWhereItOnlyCoaches()
    {
        var company = await App.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        await company.AddGroupAsync("East");
        var seattle = await company.AddGroupAsync("Seattle", west);
        var manager = await company.CreateUserAsync(west, RoleCatalog.Coach);
        var page = await OpenAsync();
        await ConsolePages.SignInAsync(page, manager.Username);

        await page.GotoAsync("/console/groups");
        var tree = page.GetByRole(AriaRole.Navigation, new() { Name = "Group tree" });
        await Expect(tree.GetByRole(AriaRole.Link)).ToHaveTextAsync(["West", "Seattle"]);
        var refused = await page.GotoAsync($"/console/groups?group={company.RootId}");
        Assert.Equal(404, refused!.Status);
        await page.GotoAsync($"/console/groups?group={seattle}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Seattle");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0);
        await Expect(page.GetByText(new Regex("^0 with a role here"))).ToBeVisibleAsync();
    }
}
