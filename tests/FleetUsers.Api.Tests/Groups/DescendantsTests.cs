using System.Net;
using System.Net.Http.Json;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Groups;

/// <summary>
/// GET /v1/groups/{groupId}/descendants, as the vendor has it: a plain array of ids, level by
/// level, down to <c>depth</c> levels (absent or 1: children; 0 or more than the tree has: all).
/// </summary>
public sealed class DescendantsTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Descendants_WithoutDepth_AreTheChildrenOnly_AsAPlainArrayOfIds()
    {
        var (company, tree) = await NewTreeAsync();

        var response = await company.Admin.GetAsync($"/v1/groups/{tree.West}/descendants");

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal($"[\"{tree.California}\",\"{tree.Oregon}\"]", await response.Content.ReadAsStringAsync());
        Assert.Equal([tree.California, tree.Oregon], await IdsAsync(company.Admin, $"/v1/groups/{tree.West}/descendants?depth=1"));
    }

    [StoreFact]
    public async Task Descendants_WithDepth2_AddTheGrandchildren_LevelByLevel()
    {
        var (company, tree) = await NewTreeAsync();

        var ids = await IdsAsync(company.Admin, $"/v1/groups/{company.RootId}/descendants?depth=2");

        Assert.Equal([tree.East, tree.West, tree.California, tree.Oregon], ids);
    }

    [StoreTheory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(int.MaxValue)]
    public async Task Descendants_WithDepth0_OrMoreThanTheTreeHas_AreEveryGroupBelow_NotTheGroupItself(int depth)
    {
        var (company, tree) = await NewTreeAsync();

        var ids = await IdsAsync(company.Admin, $"/v1/groups/{company.RootId}/descendants?depth={depth}");

        Assert.Equal([tree.East, tree.West, tree.California, tree.Oregon, tree.LosAngeles], ids);
    }

    [StoreFact]
    public async Task Descendants_OfALeaf_AreAnEmptyArray()
    {
        var (company, tree) = await NewTreeAsync();

        Assert.Empty(await IdsAsync(company.Admin, $"/v1/groups/{tree.Oregon}/descendants?depth=0"));
    }

    [StoreTheory]
    [InlineData("depth=-1", "depth")]
    [InlineData("depth=two", "depth")]
    [InlineData("depth=1&depth=2", "depth")]
    [InlineData("limit=1", "limit")]
    public async Task Descendants_WithABadParameter_Returns400NamingIt(string query, string field)
    {
        var (company, tree) = await NewTreeAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync($"/v1/groups/{tree.West}/descendants?{query}"), field);
    }

    [StoreFact]
    public async Task Descendants_OutsideReach_Returns403_AndOfAnotherCompany404()
    {
        var other = await app.NewCompanyAsync();
        var (company, tree) = await NewTreeAsync();
        var (_, driver) = await company.NewCallerAsync((tree.West, RoleCatalog.Driver));

        await HttpAssert.ExpectEmptyAsync(await driver.GetAsync($"/v1/groups/{tree.East}/descendants"), HttpStatusCode.Forbidden);
        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/groups/{other.RootId}/descendants"), HttpStatusCode.NotFound);
        Assert.Equal([tree.California, tree.Oregon], await IdsAsync(driver, $"/v1/groups/{tree.West}/descendants"));
    }

    /// <summary>root → West → {California → Los Angeles, Oregon}; root → East.</summary>
    private async Task<(TestCompany Company, Tree Tree)> NewTreeAsync()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var oregon = await company.Admin.CreateGroupAsync("Oregon", west);
        var california = await company.Admin.CreateGroupAsync("california", west);
        var losAngeles = await company.Admin.CreateGroupAsync("Los Angeles", california);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        return (company, new Tree(west, california, oregon, east, losAngeles));
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<List<Guid>>())!;
    }

    private sealed record Tree(Guid West, Guid California, Guid Oregon, Guid East, Guid LosAngeles);
}
