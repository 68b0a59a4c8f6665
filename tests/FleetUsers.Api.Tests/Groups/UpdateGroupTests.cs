using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using static FleetUsers.Api.Tests.Infrastructure.GroupBodies;

namespace FleetUsers.Api.Tests.Groups;

/// <summary>
/// PUT /v1/groups/{groupId}: rename, describe, move. fullPath, fullPathId and revision stay
/// right for the whole subtree; reach follows a move at once.
/// </summary>
public sealed class UpdateGroupTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Put_Rename_ChangesFullPathOfTheWholeSubtree_AndGivesEachOfThemANewRevision()
    {
        var (company, tree) = await NewTreeAsync();

        var response = await company.Admin.PutJsonAsync($"/v1/groups/{tree.West}", Update("Pacific", company.RootId));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var west = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal("Pacific", Text(west, "name"));
        Assert.Equal(2, Revision(west));
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        Assert.EndsWith("\\Pacific", Text(west, "fullPath"), StringComparison.Ordinal);
        foreach (var below in new[] { tree.California, tree.LosAngeles })
        {
            var group = await company.Admin.GetGroupAsync(below);
            Assert.Contains("\\Pacific\\", Text(group, "fullPath"), StringComparison.Ordinal);
            Assert.Equal(2, Revision(group));
        }
        var east = await company.Admin.GetGroupAsync(tree.East);
        Assert.Equal(1, Revision(east));
        Assert.Equal(1, Revision(await company.Admin.GetGroupAsync(company.RootId)));
    }

    [StoreFact]
    public async Task Put_DescriptionOnly_GivesOnlyThatGroupANewRevision()
    {
        var (company, tree) = await NewTreeAsync();
        var before = await company.Admin.GetGroupAsync(tree.West);

        var west = await HttpAssert.ReadObjectAsync(
            await company.Admin.PutJsonAsync($"/v1/groups/{tree.West}", Update("West", company.RootId, "Pacific coast")));

        Assert.Equal("Pacific coast", Text(west, "description"));
        Assert.Equal(2, Revision(west));
        Assert.True(DateTimeOffset.Parse(Text(west, "updatedDate"), System.Globalization.CultureInfo.InvariantCulture)
            > DateTimeOffset.Parse(Text(before, "updatedDate"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, Revision(await company.Admin.GetGroupAsync(tree.California)));
    }

    [StoreFact]
    public async Task Put_WithNothingChanged_KeepsTheRevision()
    {
        var (company, tree) = await NewTreeAsync();
        var before = await company.Admin.GetGroupAsync(tree.West);

        var after = await HttpAssert.ReadObjectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{tree.West}", Update("West", company.RootId)));

        Assert.True(JsonNode.DeepEquals(before, after), after.ToJsonString());
    }

    [StoreFact]
    public async Task Put_Move_ChangesParentFullPathAndFullPathIdOfTheWholeSubtree()
    {
        var (company, tree) = await NewTreeAsync();

        var response = await company.Admin.PutJsonAsync($"/v1/groups/{tree.California}", Update("California", tree.East));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var california = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(tree.East.ToString(), Text(california, "parentId"));
        Assert.Equal($"{company.RootId}\\{tree.East}\\{tree.California}", Text(california, "fullPathId"));
        var losAngeles = await company.Admin.GetGroupAsync(tree.LosAngeles);
        Assert.EndsWith("\\East\\California\\Los Angeles", Text(losAngeles, "fullPath"), StringComparison.Ordinal);
        Assert.Equal($"{company.RootId}\\{tree.East}\\{tree.California}\\{tree.LosAngeles}", Text(losAngeles, "fullPathId"));
        Assert.Equal(2, Revision(losAngeles));
        Assert.Equal(1, Revision(await company.Admin.GetGroupAsync(tree.West)));
        var descendantsOfWest = await company.Admin.GetAsync($"/v1/groups/{tree.West}/descendants?depth=0");
        Assert.Equal("[]", await descendantsOfWest.Content.ReadAsStringAsync());
    }

    [StoreFact]
    public async Task Put_MoveBelowItsOwnDescendantOrItself_Returns400NamingParentId_AndChangesNothing()
    {
        var (company, tree) = await NewTreeAsync();

        foreach (var target in new[] { tree.LosAngeles, tree.California, tree.West })
        {
            await HttpAssert.ExpectBadRequestNamingAsync(
                await company.Admin.PutJsonAsync($"/v1/groups/{tree.West}", Update("West", target)), "parentId");
        }

        Assert.Equal(company.RootId.ToString(), Text(await company.Admin.GetGroupAsync(tree.West), "parentId"));
    }

    [StoreFact]
    public async Task Put_RootWithAParent_OrAnyGroupWithANullParent_Returns400NamingParentId_AndTheRootIsRenamedWithoutOne()
    {
        var (company, tree) = await NewTreeAsync();
        var rootName = Text(await company.Admin.GetGroupAsync(company.RootId), "name");

        await HttpAssert.ExpectBadRequestNamingAsync(
            await company.Admin.PutJsonAsync($"/v1/groups/{company.RootId}", Update(rootName, tree.East)), "parentId");
        await HttpAssert.ExpectBadRequestNamingAsync(
            await company.Admin.PutJsonAsync($"/v1/groups/{tree.West}", Update("West", null)), "parentId");
        await HttpAssert.ExpectBadRequestNamingAsync(
            await company.Admin.PutJsonAsync($"/v1/groups/{company.RootId}", Update(rootName + " Renamed", null)), "parentId");
        await HttpAssert.ExpectAsync(
            await company.Admin.PutJsonAsync($"/v1/groups/{company.RootId}", new JsonObject { ["name"] = rootName + " Renamed" }), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Put_MoveUnderAParentOutsideTheCallersGroupManagement_Returns403()
    {
        var (company, tree) = await NewTreeAsync();
        var (_, manager) = await company.NewCallerAsync((tree.West, RoleCatalog.GroupManager), (tree.East, RoleCatalog.Administrator));

        await HttpAssert.ExpectEmptyAsync(
            await manager.PutJsonAsync($"/v1/groups/{tree.California}", Update("California", tree.East)), HttpStatusCode.Forbidden);
        await HttpAssert.ExpectAsync(
            await manager.PutJsonAsync($"/v1/groups/{tree.LosAngeles}", Update("Los Angeles", tree.West)), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Put_WithoutGroupManagerOverTheGroup_Returns403()
    {
        var (company, tree) = await NewTreeAsync();
        var (_, manager) = await company.NewCallerAsync((tree.California, RoleCatalog.GroupManager));
        var (_, admin) = await company.NewCallerAsync((company.RootId, RoleCatalog.Administrator));

        await HttpAssert.ExpectEmptyAsync(await manager.PutJsonAsync($"/v1/groups/{tree.West}", Update("Pacific", company.RootId)), HttpStatusCode.Forbidden);
        await HttpAssert.ExpectEmptyAsync(await admin.PutJsonAsync($"/v1/groups/{tree.West}", Update("Pacific", company.RootId)), HttpStatusCode.Forbidden);
        Assert.Equal("West", Text(await company.Admin.GetGroupAsync(tree.West), "name"));
    }

    [StoreFact]
    public async Task Put_RenameOrMoveOntoASiblingsName_Returns409_ButAChangeOfItsOwnLetterCaseIsAllowed()
    {
        var (company, tree) = await NewTreeAsync();
        var eastCalifornia = await company.Admin.CreateGroupAsync("CALIFORNIA", tree.East);

        await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/groups/{tree.West}", Update("east", company.RootId)), HttpStatusCode.Conflict);
        await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/groups/{tree.California}", Update("California", tree.East)), HttpStatusCode.Conflict);
        var renamed = await HttpAssert.ReadObjectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{eastCalifornia}", Update("California", tree.East)));
        Assert.Equal("California", Text(renamed, "name"));
    }

    [StoreFact]
    public async Task Put_WithAStaleIfMatch_Returns412_AndWithTheCurrentOneSucceeds()
    {
        var (company, tree) = await NewTreeAsync();
        var etag = (await company.Admin.GetAsync($"/v1/groups/{tree.West}")).Headers.ETag!.ToString();
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{tree.West}", Update("Pacific", company.RootId)), HttpStatusCode.OK);

        await HttpAssert.ExpectErrorAsync(
            await company.Admin.PutJsonAsync($"/v1/groups/{tree.West}", Update("Atlantic", company.RootId), ifMatch: etag), HttpStatusCode.PreconditionFailed);
        await HttpAssert.ExpectAsync(
            await company.Admin.PutJsonAsync($"/v1/groups/{tree.West}", Update("Atlantic", company.RootId), ifMatch: "\"2\""), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Put_OnAGroupThatDoesNotExistOrIsAnotherCompanys_Returns404()
    {
        var other = await app.NewCompanyAsync();
        var otherWest = await other.Admin.CreateGroupAsync("West", other.RootId);
        var company = await app.NewCompanyAsync();

        foreach (var id in new[] { Guid.NewGuid(), otherWest })
        {
            await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/groups/{id}", Update("Mine", company.RootId)), HttpStatusCode.NotFound);
        }
        await HttpAssert.ExpectErrorAsync(
            await company.Admin.PutJsonAsync($"/v1/groups/{(await company.Admin.CreateGroupAsync("West", company.RootId))}", Update("West", other.RootId)),
            HttpStatusCode.NotFound);
        Assert.Equal("West", Text(await other.Admin.GetGroupAsync(otherWest), "name"));
    }

    [StoreFact]
    public async Task ConcurrentOppositeMoves_NeverMakeACycle_OneWinsAndTheOtherIs400()
    {
        var company = await app.NewCompanyAsync();
        for (var round = 0; round < 8; round++)
        {
            var a = await company.Admin.CreateGroupAsync($"A{round}", company.RootId);
            var b = await company.Admin.CreateGroupAsync($"B{round}", company.RootId);

            var results = await Task.WhenAll(
                company.Admin.PutJsonAsync($"/v1/groups/{a}", Update($"A{round}", b)),
                company.Admin.PutJsonAsync($"/v1/groups/{b}", Update($"B{round}", a)));

            Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
            var paths = new[] { Text(await company.Admin.GetGroupAsync(a), "fullPathId"), Text(await company.Admin.GetGroupAsync(b), "fullPathId") };
            Assert.All(paths, p => Assert.StartsWith(company.RootId.ToString(), p, StringComparison.Ordinal));
        }
    }

    [StoreFact]
    public async Task Move_ChangesWhoReachesTheUsersBelow_AtOnce()
    {
        var (company, tree) = await NewTreeAsync();
        var driver = await company.CreateUserAsync(tree.California);
        var (_, westCoach) = await company.NewCallerAsync((tree.West, RoleCatalog.Coach));
        var (_, eastCoach) = await company.NewCallerAsync((tree.East, RoleCatalog.Coach));
        await HttpAssert.ExpectAsync(await westCoach.GetAsync($"/v1/users/{driver.Id}"), HttpStatusCode.OK);
        await HttpAssert.ExpectEmptyAsync(await eastCoach.GetAsync($"/v1/users/{driver.Id}"), HttpStatusCode.Forbidden);

        await HttpAssert.ExpectAsync(
            await company.Admin.PutJsonAsync($"/v1/groups/{tree.California}", Update("California", tree.East)), HttpStatusCode.OK);

        await HttpAssert.ExpectEmptyAsync(await westCoach.GetAsync($"/v1/users/{driver.Id}"), HttpStatusCode.Forbidden);
        await HttpAssert.ExpectAsync(await eastCoach.GetAsync($"/v1/users/{driver.Id}"), HttpStatusCode.OK);
        var westGroups = (await westCoach.GetObjectAsync("/v1/groups"))["groups"]!.AsArray().Select(g => Id(g!));
        Assert.DoesNotContain(tree.California, westGroups);
        var eastUsers = (await eastCoach.GetObjectAsync("/v1/users"))["data"]!.AsArray().Select(u => u!["userId"]!.GetValue<Guid>());
        Assert.Contains(driver.Id, eastUsers);
    }

    /// <summary>root → West → California → Los Angeles; root → East.</summary>
    private async Task<(TestCompany Company, Tree Tree)> NewTreeAsync()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var california = await company.Admin.CreateGroupAsync("California", west);
        var losAngeles = await company.Admin.CreateGroupAsync("Los Angeles", california);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        return (company, new Tree(west, california, losAngeles, east));
    }

    private sealed record Tree(Guid West, Guid California, Guid LosAngeles, Guid East);
}
