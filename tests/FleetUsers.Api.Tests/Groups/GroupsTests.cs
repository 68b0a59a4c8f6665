using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Groups;

/// <summary>GET /v1/groups and GET /v1/groups/{groupId}: the groups a caller can reach, in the contract's Group shape.</summary>
public sealed class GroupsTests(FleetUsersApp app)
{
    private static readonly string[] GroupKeys =
        ["id", "name", "description", "parentId", "rootGroupId", "fullPath", "fullPathId", "createdDate", "updatedDate", "revision"];

    [StoreFact]
    public async Task List_AsTheRootAdministrator_ReturnsEveryGroupOfTheCompanyInTheGroupShape()
    {
        var (company, tree) = await NewTreeAsync();
        await app.NewCompanyAsync(); // another company's groups must not show

        var response = await company.Admin.GetAsync("/v1/groups");

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var body = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(["groups", "metadata"], body.Select(p => p.Key));
        var groups = body["groups"]!.AsArray().Select(g => g!.AsObject()).ToList();
        Assert.Equal(tree.All.Order(), groups.Select(Id).Order());
        Assert.All(groups, g => Assert.Equal(GroupKeys, g.Select(p => p.Key)));
        var metadata = body["metadata"]!.AsObject();
        Assert.Equal(5, metadata["count"]!.GetValue<int>());
        Assert.Equal(10_000, metadata["limit"]!.GetValue<int>());
        Assert.Equal(0, metadata["offset"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task List_DescribesEachGroupsPlaceInTheTree()
    {
        var (company, tree) = await NewTreeAsync();

        var groups = await ListAsync(company.Admin);

        var root = groups.Single(g => Id(g) == company.RootId);
        var rootName = root["name"]!.GetValue<string>();
        Assert.Null(root["parentId"]);
        Assert.True(root.ContainsKey("parentId"));
        Assert.Equal(company.RootId.ToString(), root["rootGroupId"]!.GetValue<string>());
        Assert.Equal(rootName, root["fullPath"]!.GetValue<string>());
        Assert.Equal(company.RootId.ToString(), root["fullPathId"]!.GetValue<string>());

        var california = groups.Single(g => Id(g) == tree.California);
        Assert.Equal("California", california["name"]!.GetValue<string>());
        Assert.Equal(tree.West.ToString(), california["parentId"]!.GetValue<string>());
        Assert.Equal(company.RootId.ToString(), california["rootGroupId"]!.GetValue<string>());
        Assert.Equal($"{rootName}\\West\\California", california["fullPath"]!.GetValue<string>());
        Assert.Equal($"{company.RootId}\\{tree.West}\\{tree.California}", california["fullPathId"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$", california["createdDate"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$", california["updatedDate"]!.GetValue<string>());
        Assert.Equal(1, california["revision"]!.GetValue<int>());

        var east = groups.Single(g => Id(g) == tree.East);
        Assert.Equal(company.RootId.ToString(), east["parentId"]!.GetValue<string>());
        Assert.Equal($"{rootName}\\East", east["fullPath"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task List_AsADriverInWest_ReturnsWestAndItsChildrenOnly()
    {
        var (company, tree) = await NewTreeAsync();
        var (_, driver) = await company.NewCallerAsync((tree.West, RoleCatalog.Driver));

        var response = await driver.GetAsync("/v1/groups");

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var body = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(new[] { tree.West, tree.California, tree.Oregon }.Order(), body["groups"]!.AsArray().Select(g => Id(g!)).Order());
        Assert.Equal(3, body["metadata"]!["count"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task List_AsACallerWithRolesInTwoBranches_ReturnsBothBranches()
    {
        var (company, tree) = await NewTreeAsync();
        var (_, caller) = await company.NewCallerAsync((tree.California, RoleCatalog.Driver), (tree.East, RoleCatalog.Coach));

        var groups = await ListAsync(caller);

        Assert.Equal(new[] { tree.California, tree.East }.Order(), groups.Select(Id).Order());
    }

    [StoreFact]
    public async Task Get_AGroupWithinReach_Returns200InTheGroupShape()
    {
        var (company, tree) = await NewTreeAsync();
        var (_, driver) = await company.NewCallerAsync((tree.West, RoleCatalog.Driver));

        var response = await driver.GetAsync($"/v1/groups/{tree.Oregon}");

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var group = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(GroupKeys, group.Select(p => p.Key));
        Assert.Equal(tree.Oregon, Id(group));
        Assert.Equal("Oregon", group["name"]!.GetValue<string>());
        Assert.Equal(tree.West.ToString(), group["parentId"]!.GetValue<string>());
        Assert.EndsWith("\\West\\Oregon", group["fullPath"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"{company.RootId}\\{tree.West}\\{tree.Oregon}", group["fullPathId"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Get_TheSameGroupAsTheList()
    {
        var (company, tree) = await NewTreeAsync();

        var listed = (await ListAsync(company.Admin)).Single(g => Id(g) == tree.California);
        var fetched = await HttpAssert.ReadObjectAsync(await company.Admin.GetAsync($"/v1/groups/{tree.California}"));

        Assert.True(JsonNode.DeepEquals(listed, fetched), $"{listed.ToJsonString()} != {fetched.ToJsonString()}");
    }

    [StoreFact]
    public async Task Get_AGroupOfAnotherCompany_Returns404()
    {
        var other = await app.NewCompanyAsync();
        var otherWest = await other.AddGroupAsync("West");
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/groups/{otherWest}"), HttpStatusCode.NotFound);
        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/groups/{other.RootId}"), HttpStatusCode.NotFound);
    }

    [StoreFact]
    public async Task Get_AGroupThatDoesNotExist_Returns404()
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/groups/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [StoreFact]
    public async Task Get_AGroupOutsideTheCallersReach_Returns403WithAnEmptyBody()
    {
        var (company, tree) = await NewTreeAsync();
        var (_, driver) = await company.NewCallerAsync((tree.West, RoleCatalog.Driver));

        await HttpAssert.ExpectEmptyAsync(await driver.GetAsync($"/v1/groups/{tree.East}"), HttpStatusCode.Forbidden);
        await HttpAssert.ExpectEmptyAsync(await driver.GetAsync($"/v1/groups/{company.RootId}"), HttpStatusCode.Forbidden);
    }

    [StoreTheory]
    [InlineData("not-a-uuid")]
    [InlineData("12345")]
    [InlineData("00000000-0000-0000-0000-00000000000g")]
    public async Task Get_WithAGroupIdThatIsNotAUuid_Returns400NamingGroupId(string groupId)
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync($"/v1/groups/{groupId}"), "groupId");
    }

    [StoreFact]
    public async Task List_WithLimitAndOffset_ReturnsThatPageAndTheTotal()
    {
        var (company, _) = await NewTreeAsync();
        var all = (await ListAsync(company.Admin)).Select(Id).ToList();

        var response = await company.Admin.GetAsync("/v1/groups?limit=2&offset=1");

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var body = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(all.Skip(1).Take(2), body["groups"]!.AsArray().Select(g => Id(g!)));
        Assert.Equal(5, body["metadata"]!["count"]!.GetValue<int>());
        Assert.Equal(2, body["metadata"]!["limit"]!.GetValue<int>());
        Assert.Equal(1, body["metadata"]!["offset"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task List_PagesTogether_CoverEveryGroupOnce()
    {
        var (company, tree) = await NewTreeAsync();

        var paged = new List<Guid>();
        for (var offset = 0; offset < 6; offset += 2)
        {
            var page = await HttpAssert.ReadObjectAsync(await company.Admin.GetAsync($"/v1/groups?limit=2&offset={offset}"));
            paged.AddRange(page["groups"]!.AsArray().Select(g => Id(g!)));
        }

        Assert.Equal(tree.All.Order(), paged.Order());
    }

    [StoreFact]
    public async Task List_WithAnOffsetPastTheEnd_ReturnsNoGroupsAndTheTotal()
    {
        var (company, _) = await NewTreeAsync();

        var body = await HttpAssert.ReadObjectAsync(await company.Admin.GetAsync("/v1/groups?offset=5"));

        Assert.Empty(body["groups"]!.AsArray());
        Assert.Equal(5, body["metadata"]!["count"]!.GetValue<int>());
    }

    [StoreTheory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=10001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=1&limit=2", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=1.5", "offset")]
    [InlineData("offset=", "offset")]
    public async Task List_WithABadLimitOrOffset_Returns400NamingIt(string query, string field)
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync($"/v1/groups?{query}"), field);
    }

    [StoreTheory]
    [InlineData("parentId=00000000-0000-0000-0000-000000000000", "parentId")]
    [InlineData("searchText=west", "searchText")]
    [InlineData("limit=2&page=1", "page")]
    public async Task List_WithAnUnknownQueryParameter_Returns400NamingIt(string query, string field)
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync($"/v1/groups?{query}"), field);
    }

    [StoreFact]
    public async Task EncodeFullPath_PercentEncodesFullPath_OnTheListAndOnOneGroup_AndByDefaultItIsPlain()
    {
        var (company, tree) = await NewTreeAsync();
        var plain = Text(await company.Admin.GetObjectAsync($"/v1/groups/{tree.California}"), "fullPath");

        var one = await company.Admin.GetObjectAsync($"/v1/groups/{tree.California}?encodeFullPath=true");
        var listed = (await company.Admin.GetObjectAsync($"/v1/groups?groupIds={tree.California}&encodeFullPath=true"))["groups"]![0]!;
        var unencoded = (await company.Admin.GetObjectAsync($"/v1/groups?groupIds={tree.California}&encodeFullPath=false"))["groups"]![0]!;

        Assert.EndsWith("\\West\\California", plain, StringComparison.Ordinal);
        Assert.Equal(Uri.EscapeDataString(plain), Text(one, "fullPath"));
        Assert.EndsWith("%5CWest%5CCalifornia", Text(one, "fullPath"), StringComparison.Ordinal);
        Assert.Equal(Text(one, "fullPath"), Text(listed, "fullPath"));
        Assert.Equal(plain, Text(unencoded, "fullPath"));
        Assert.Equal($"{company.RootId}\\{tree.West}\\{tree.California}", Text(one, "fullPathId"));
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync($"/v1/groups/{tree.West}?encodeFullPath=yes"), "encodeFullPath");
    }

    [StoreFact]
    public async Task List_WithoutAToken_Returns401()
    {
        var response = await app.CreateClient().GetAsync("/v1/groups");

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [StoreTheory]
    [InlineData("POST", "")]
    [InlineData("PUT", "/{id}")]
    [InlineData("DELETE", "/{id}")]
    [InlineData("GET", "/{id}/descendants")]
    [InlineData("GET", "/auditLogs")]
    [InlineData("POST", "/bulkMove")]
    [InlineData("POST", "/bulkImport")]
    public async Task EveryOtherGroupEndpoint_WithoutAToken_Returns401AndChangesNothing(string method, string path)
    {
        var company = await app.NewCompanyAsync();
        var group = await company.AddGroupAsync("Untouched");
        var before = (await company.Admin.GetObjectAsync("/v1/groups")).ToJsonString();
        var request = new HttpRequestMessage(new HttpMethod(method), "/v1/groups" + path.Replace("{id}", group.ToString(), StringComparison.Ordinal));
        if (method is "POST" or "PUT")
        {
            request.Content = Json.Content(new JsonObject { ["name"] = "Renamed", ["parentId"] = company.RootId });
        }

        var response = await app.CreateClient().SendAsync(request);

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal(before, (await company.Admin.GetObjectAsync("/v1/groups")).ToJsonString());
    }

    [StoreFact]
    public async Task Get_WithoutAToken_Returns401()
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectEmptyAsync(await app.CreateClient().GetAsync($"/v1/groups/{company.RootId}"), HttpStatusCode.Unauthorized);
    }

    /// <summary>root → West → {California, Oregon}; root → East.</summary>
    private async Task<(TestCompany Company, Tree Tree)> NewTreeAsync()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var oregon = await company.AddGroupAsync("Oregon", west);
        var east = await company.AddGroupAsync("East");
        return (company, new Tree(company.RootId, west, california, oregon, east));
    }

    private static async Task<List<JsonObject>> ListAsync(HttpClient client)
    {
        var response = await client.GetAsync("/v1/groups");
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        return (await HttpAssert.ReadObjectAsync(response))["groups"]!.AsArray().Select(g => g!.AsObject()).ToList();
    }

    private static Guid Id(JsonNode group) => Guid.Parse(group["id"]!.GetValue<string>());

    private static string Text(JsonNode group, string key) => group[key]!.GetValue<string>();

    private sealed record Tree(Guid Root, Guid West, Guid California, Guid Oregon, Guid East)
    {
        public IEnumerable<Guid> All => [Root, West, California, Oregon, East];
    }
}
