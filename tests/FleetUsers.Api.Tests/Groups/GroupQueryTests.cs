using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using static FleetUsers.Api.Tests.Infrastructure.GroupBodies;

namespace FleetUsers.Api.Tests.Groups;

/// <summary>GET /v1/groups with groupIds, includeSubgroups, sort and order.</summary>
public sealed class GroupQueryTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task List_WithGroupIds_ReturnsOnlyThoseGroups_RepeatedOrCommaSeparated()
    {
        var (company, tree) = await NewTreeAsync();

        var repeated = await IdsAsync(company.Admin, $"/v1/groups?groupIds={tree.West}&groupIds={tree.East}");
        var commas = await IdsAsync(company.Admin, $"/v1/groups?groupIds={tree.West},{tree.East}");

        Assert.Equal(new[] { tree.East, tree.West }.Order(), repeated.Order());
        Assert.Equal(repeated, commas);
    }

    [StoreFact]
    public async Task List_WithGroupIdsAndIncludeSubgroups_AddsEveryGroupBelowThem()
    {
        var (company, tree) = await NewTreeAsync();

        var ids = await IdsAsync(company.Admin, $"/v1/groups?groupIds={tree.West}&includeSubgroups=true");

        Assert.Equal(new[] { tree.West, tree.California, tree.Oregon }.Order(), ids.Order());
    }

    [StoreFact]
    public async Task List_WithGroupIds_StillShowsOnlyGroupsWithinReach()
    {
        var (company, tree) = await NewTreeAsync();
        var (_, driver) = await company.NewCallerAsync((tree.West, RoleCatalog.Driver));

        var ids = await IdsAsync(driver, $"/v1/groups?groupIds={company.RootId}&includeSubgroups=true");

        Assert.Equal(new[] { tree.West, tree.California, tree.Oregon }.Order(), ids.Order());
    }

    [StoreFact]
    public async Task List_WithAnUnknownOrAnotherCompanysGroupId_Returns404NamingIt()
    {
        var other = await app.NewCompanyAsync();
        var (company, _) = await NewTreeAsync();

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/groups?groupIds={other.RootId}"), HttpStatusCode.NotFound);

        Assert.Equal([$"groupIds {other.RootId} was not found"], messages);
    }

    [StoreTheory]
    [InlineData("groupIds=abc", "groupIds")]
    [InlineData("sort=level", "sort")]
    [InlineData("sort=1", "sort")]
    [InlineData("sort=name,fullPath", "sort")]
    [InlineData("order=up", "order")]
    [InlineData("includeSubgroups=yes", "includeSubgroups")]
    public async Task List_WithABadParameter_Returns400NamingIt(string query, string field)
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync($"/v1/groups?{query}"), field);
    }

    [StoreFact]
    public async Task List_SortedByNameDescending_OrdersByNameIgnoringCase()
    {
        var (company, tree) = await NewTreeAsync();

        var names = await NamesAsync(company.Admin, $"/v1/groups?groupIds={tree.West}&includeSubgroups=true&sort=name&order=desc");

        Assert.Equal(["West", "Oregon", "California"], names);
    }

    [StoreFact]
    public async Task List_SortedByCreatedDate_FollowsCreationOrder()
    {
        var (company, tree) = await NewTreeAsync();

        var ascending = await IdsAsync(company.Admin, "/v1/groups?sort=createdDate");
        var descending = await IdsAsync(company.Admin, "/v1/groups?sort=CREATEDDATE&order=desc");

        Assert.Equal([company.RootId, tree.West, tree.California, tree.Oregon, tree.East], ascending);
        Assert.Equal(ascending.AsEnumerable().Reverse(), descending);
    }

    [StoreFact]
    public async Task List_ByDefault_IsInTreeOrder()
    {
        var (company, tree) = await NewTreeAsync();

        var ids = await IdsAsync(company.Admin, "/v1/groups");

        Assert.Equal([company.RootId, tree.East, tree.West, tree.California, tree.Oregon], ids);
    }

    [StoreFact]
    public async Task List_ByDefault_PutsEachGroupRightBeforeTheGroupsBelowIt_EvenWhenASiblingsNameExtendsItsOwn()
    {
        // As joined text "West Coast" sorts before "West\Portland" (a space is below a backslash); in tree order West's subtree comes first.
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var westCoast = await company.Admin.CreateGroupAsync("West Coast", company.RootId);
        var portland = await company.Admin.CreateGroupAsync("Portland", west);

        var ids = await IdsAsync(company.Admin, "/v1/groups");
        var descending = await IdsAsync(company.Admin, "/v1/groups?order=desc");

        Assert.Equal([company.RootId, west, portland, westCoast], ids);
        Assert.Equal(ids.AsEnumerable().Reverse(), descending);
    }

    /// <summary>root → West → {California, Oregon}; root → East (created in this order).</summary>
    private async Task<(TestCompany Company, Tree Tree)> NewTreeAsync()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var california = await company.Admin.CreateGroupAsync("California", west);
        var oregon = await company.Admin.CreateGroupAsync("oregon", west);
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{oregon}", Update("Oregon", west)), HttpStatusCode.OK);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        return (company, new Tree(west, california, oregon, east));
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string path) =>
        (await client.GetObjectAsync(path))["groups"]!.AsArray().Select(g => Id(g!)).ToList();

    private static async Task<List<string>> NamesAsync(HttpClient client, string path) =>
        (await client.GetObjectAsync(path))["groups"]!.AsArray().Select(g => Text(g!, "name")).ToList();

    private sealed record Tree(Guid West, Guid California, Guid Oregon, Guid East);
}
