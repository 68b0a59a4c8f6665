using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using static FleetUsers.Api.Tests.Infrastructure.GroupBodies;

namespace FleetUsers.Api.Tests.Groups;

/// <summary>
/// PUT /v1/groups/{groupId} as the vendor's EditGroupRequest: no key is required, a key left out
/// keeps its value, a null description clears it, a null or empty name or parentId is refused.
/// </summary>
public sealed class PartialUpdateGroupTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Put_WithOnlyADescription_DescribesTheGroup_AndKeepsItsNameAndParent()
    {
        var (company, west, _) = await NewTreeAsync();

        var response = await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["description"] = "x" });

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var group = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal("x", Text(group, "description"));
        Assert.Equal("West", Text(group, "name"));
        Assert.Equal(company.RootId.ToString(), Text(group, "parentId"));
        Assert.Equal(2, Revision(group));
    }

    [StoreFact]
    public async Task Put_WithOnlyAName_Renames_AndKeepsTheDescription()
    {
        var (company, west, _) = await NewTreeAsync();
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["description"] = "Pacific" }), HttpStatusCode.OK);

        var group = await HttpAssert.ReadObjectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["name"] = "West Coast" }));

        Assert.Equal("West Coast", Text(group, "name"));
        Assert.Equal("Pacific", Text(group, "description"));
        Assert.EndsWith("\\West Coast", Text(group, "fullPath"), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Put_WithOnlyAParentId_Moves_AndKeepsTheName()
    {
        var (company, west, east) = await NewTreeAsync();

        var group = await HttpAssert.ReadObjectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["parentId"] = east }));

        Assert.Equal(east.ToString(), Text(group, "parentId"));
        Assert.Equal("West", Text(group, "name"));
        Assert.EndsWith("\\East\\West", Text(group, "fullPath"), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Put_WithANullDescription_ClearsIt()
    {
        var (company, west, _) = await NewTreeAsync();
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["description"] = "Pacific" }), HttpStatusCode.OK);

        var group = await HttpAssert.ReadObjectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["description"] = null }));

        Assert.Null(group["description"]);
        Assert.Equal(3, Revision(group));
    }

    [StoreFact]
    public async Task Put_WithAnEmptyObject_ChangesNothing()
    {
        var (company, west, _) = await NewTreeAsync();
        var before = await company.Admin.GetGroupAsync(west);

        var after = await HttpAssert.ReadObjectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject()));

        Assert.True(JsonNode.DeepEquals(before, after), after.ToJsonString());
    }

    [StoreTheory]
    [InlineData("""{"name": null}""", "name")]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{"name": "   "}""", "name")]
    [InlineData("""{"parentId": null}""", "parentId")]
    [InlineData("""{"parentId": ""}""", "parentId")]
    [InlineData("""{"description": 5}""", "description")]
    [InlineData("""{"revision": 7}""", "revision")]
    public async Task Put_WithANullOrEmptyNameOrParentId_OrABadKey_Returns400NamingIt_AndChangesNothing(string body, string field)
    {
        var (company, west, _) = await NewTreeAsync();
        var before = await company.Admin.GetGroupAsync(west);

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.SendJsonAsync(HttpMethod.Put, $"/v1/groups/{west}", body), field);

        Assert.True(JsonNode.DeepEquals(before, await company.Admin.GetGroupAsync(west)));
    }

    [StoreFact]
    public async Task Put_Partial_WithAStaleIfMatch_Returns412_AndWithTheCurrentOneSucceeds()
    {
        var (company, west, _) = await NewTreeAsync();
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["description"] = "a" }), HttpStatusCode.OK);

        await HttpAssert.ExpectErrorAsync(
            await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["name"] = "Pacific" }, ifMatch: "\"1\""), HttpStatusCode.PreconditionFailed);
        Assert.Equal("West", Text(await company.Admin.GetGroupAsync(west), "name"));
        await HttpAssert.ExpectAsync(
            await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["name"] = "Pacific" }, ifMatch: "\"2\""), HttpStatusCode.OK);
    }

    /// <summary>root → West, root → East.</summary>
    private async Task<(TestCompany Company, Guid West, Guid East)> NewTreeAsync()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        return (company, west, east);
    }
}
