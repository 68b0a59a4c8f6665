using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using static FleetUsers.Api.Tests.Infrastructure.GroupBodies;

namespace FleetUsers.Api.Tests.Groups;

/// <summary>
/// A tree is at most 13 levels deep (the root is level 1), with the vendor's message on create and
/// move (bulk move and import have theirs in their own tests); a company has at most
/// Groups:MaxGroupsPerCompany groups.
/// </summary>
public sealed class GroupLimitsTests(FleetUsersApp app)
{
    private const string DepthExceeded = "Request exceeds maximum group hierarchy depth.";

    [StoreFact]
    public async Task Post_AtLevel13_Succeeds_AndBelowItReturns400WithTheVendorsMessage()
    {
        var company = await app.NewCompanyAsync();
        var chain = await BulkMoveTests.ChainAsync(company, company.RootId, levels: 11); // levels 2 to 12

        var level13 = await company.Admin.CreateGroupAsync("Level 13", chain[^1]);
        var messages = await HttpAssert.ExpectErrorAsync(
            await company.Admin.PostJsonAsync("/v1/groups", Create("Level 14", level13)), HttpStatusCode.BadRequest);

        var message = Assert.Single(messages);
        Assert.StartsWith(DepthExceeded, message, StringComparison.Ordinal);
        Assert.Contains("parentId", message, StringComparison.Ordinal);
        Assert.Contains("level 13", message, StringComparison.Ordinal);
        Assert.Equal(13, (await company.Admin.GetObjectAsync("/v1/groups"))["metadata"]!["count"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task Put_MovingASubtreeSoThatItsDeepestGroupPassesLevel13_Returns400_AndToLevel13Succeeds()
    {
        var company = await app.NewCompanyAsync();
        var chain = await BulkMoveTests.ChainAsync(company, company.RootId, levels: 11); // levels 2 to 12
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        await company.Admin.CreateGroupAsync("Oregon", west);

        var refused = await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["parentId"] = chain[^1] });
        var allowed = await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["parentId"] = chain[^2] });

        Assert.StartsWith(DepthExceeded, Assert.Single(await HttpAssert.ExpectErrorAsync(refused, HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        await HttpAssert.ExpectAsync(allowed, HttpStatusCode.OK);
        Assert.Equal(chain[^2].ToString(), Text(await company.Admin.GetGroupAsync(west), "parentId"));
    }

    [StoreFact]
    public async Task Post_WhenTheCompanyHasAsManyGroupsAsItMay_Returns409_AndDeletingOneMakesRoom()
    {
        var company = await app.NewCompanyAsync();
        await using var limited = app.Sibling(new Dictionary<string, string?> { ["Groups:MaxGroupsPerCompany"] = "3" });
        var admin = await company.AdminOnAsync(limited);
        await admin.CreateGroupAsync("West", company.RootId);
        var east = await admin.CreateGroupAsync("East", company.RootId);

        var message = Assert.Single(await HttpAssert.ExpectErrorAsync(
            await admin.PostJsonAsync("/v1/groups", Create("North", company.RootId)), HttpStatusCode.Conflict));
        Assert.Contains("at most 3", message, StringComparison.Ordinal);
        await HttpAssert.ExpectAsync(await admin.DeleteAsync($"/v1/groups/{east}"), HttpStatusCode.NoContent);
        await admin.CreateGroupAsync("North", company.RootId);
    }

    [StoreFact]
    public async Task Import_ThatWouldPassTheBound_Returns409_AndImportsNothing()
    {
        var company = await app.NewCompanyAsync();
        var root = Text(await company.Admin.GetGroupAsync(company.RootId), "name");
        await using var limited = app.Sibling(new Dictionary<string, string?> { ["Groups:MaxGroupsPerCompany"] = "3" });
        var admin = await company.AdminOnAsync(limited);
        await admin.CreateGroupAsync("West", company.RootId);

        var response = await BulkImportTests.ImportAsync(admin,
            BulkImportTests.Row("West", "", root), BulkImportTests.Row("East", "", root), BulkImportTests.Row("North", "", root));

        Assert.Contains("at most 3", Assert.Single(await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.Conflict)), StringComparison.Ordinal);
        Assert.Equal(2, (await admin.GetObjectAsync("/v1/groups"))["metadata"]!["count"]!.GetValue<int>());
        var fits = await HttpAssert.ReadObjectAsync(await BulkImportTests.ImportAsync(admin, BulkImportTests.Row("West", "", root), BulkImportTests.Row("East", "", root)));
        Assert.Single(fits["importedGroups"]!.AsArray());
    }
}
