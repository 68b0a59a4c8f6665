using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using static FleetUsers.Api.Tests.Infrastructure.GroupBodies;

namespace FleetUsers.Api.Tests.Groups;

/// <summary>
/// A move never leaves the caller with more reach than it had: a Group Manager of West who is
/// Administrator of West\California cannot move Oregon under California (and so manage Oregon's
/// users), by PUT or by bulk move, unless it already held that role over Oregon.
/// </summary>
public sealed class MoveEscalationTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Put_MovingAGroupUnderOneWhereTheCallerIsAdministrator_Returns403_AndTheCallerStillCannotManageItsUsers()
    {
        var (company, tree) = await NewTreeAsync();
        var driver = await company.CreateUserAsync(tree.Oregon);
        var (_, caller) = await company.NewCallerAsync((tree.West, RoleCatalog.GroupManager), (tree.California, RoleCatalog.Administrator));

        await HttpAssert.ExpectEmptyAsync(
            await caller.PutJsonAsync($"/v1/groups/{tree.Oregon}", new JsonObject { ["parentId"] = tree.California }), HttpStatusCode.Forbidden);

        Assert.Equal(tree.West.ToString(), Text(await company.Admin.GetGroupAsync(tree.Oregon), "parentId"));
        var body = UserBodies.Update(tree.Oregon);
        body["password"] = "Taken-Over-1";
        await HttpAssert.ExpectEmptyAsync(await caller.PutJsonAsync($"/v1/users/{driver.Id}", body), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task BulkMove_MovingAGroupUnderOneWhereTheCallerIsAdministrator_ReportsItUnmoved_AndMakesTheOtherMoves()
    {
        var (company, tree) = await NewTreeAsync();
        var nevada = await company.Admin.CreateGroupAsync("Nevada", tree.West);
        var (_, caller) = await company.NewCallerAsync((tree.West, RoleCatalog.GroupManager), (tree.California, RoleCatalog.Administrator));

        var response = await caller.PostJsonAsync("/v1/groups/bulkMove", new JsonArray(Move(tree.Oregon, tree.California), Move(nevada, tree.Oregon)));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var result = await HttpAssert.ReadObjectAsync(response);
        var unmoved = Assert.Single(result["UnmovedGroups"]!.AsArray());
        Assert.Equal(tree.Oregon, Id(unmoved!["Group"]!));
        Assert.Contains("role", unmoved["ErrorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([nevada], result["MovedGroups"]!.AsArray().Select(g => Id(g!)));
        Assert.Equal(tree.West.ToString(), Text(await company.Admin.GetGroupAsync(tree.Oregon), "parentId"));
    }

    [StoreFact]
    public async Task Put_MovingAGroupUnderOneWhereTheCallerIsCoach_Returns403()
    {
        // Any role counts: as Coach the caller would read Oregon's users.
        var (company, tree) = await NewTreeAsync();
        var (_, caller) = await company.NewCallerAsync((tree.West, RoleCatalog.GroupManager), (tree.California, RoleCatalog.Coach));

        await HttpAssert.ExpectEmptyAsync(
            await caller.PutJsonAsync($"/v1/groups/{tree.Oregon}", new JsonObject { ["parentId"] = tree.California }), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Put_MovingWithinReachTheCallerAlreadyHeld_Succeeds()
    {
        // Administrator of all West already: Oregon under California gives it nothing new.
        var (company, tree) = await NewTreeAsync();
        var (_, caller) = await company.NewCallerAsync((tree.West, RoleCatalog.GroupManager), (tree.West, RoleCatalog.Administrator));

        await HttpAssert.ExpectAsync(
            await caller.PutJsonAsync($"/v1/groups/{tree.Oregon}", new JsonObject { ["parentId"] = tree.California }), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Put_MovingTheGroupWhereTheCallerHoldsItsRole_Succeeds()
    {
        // Its Administrator role moves with California: it reaches the same groups before and after.
        var (company, tree) = await NewTreeAsync();
        var (_, caller) = await company.NewCallerAsync((tree.West, RoleCatalog.GroupManager), (tree.California, RoleCatalog.Administrator));

        await HttpAssert.ExpectAsync(
            await caller.PutJsonAsync($"/v1/groups/{tree.California}", new JsonObject { ["parentId"] = tree.Oregon }), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Post_UnderAGroupWhereTheCallerIsAdministrator_Succeeds_ReachingNoGroupThatExistedBefore()
    {
        // A new group is below groups the caller already holds its roles over: it gains nothing that existed.
        var (company, tree) = await NewTreeAsync();
        var driver = await company.CreateUserAsync(tree.Oregon);
        var (_, caller) = await company.NewCallerAsync((tree.West, RoleCatalog.GroupManager), (tree.California, RoleCatalog.Administrator));

        await caller.CreateGroupAsync("San Diego", tree.California);

        await HttpAssert.ExpectEmptyAsync(await caller.GetAsync($"/v1/users/{driver.Id}"), HttpStatusCode.Forbidden);
    }

    /// <summary>root → West → {California, Oregon}.</summary>
    private async Task<(TestCompany Company, Tree Tree)> NewTreeAsync()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var california = await company.Admin.CreateGroupAsync("California", west);
        var oregon = await company.Admin.CreateGroupAsync("Oregon", west);
        return (company, new Tree(west, california, oregon));
    }

    private sealed record Tree(Guid West, Guid California, Guid Oregon);
}
