using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Users;

/// <summary>
/// A caller can never widen its own reach: not by changing itself, not by making an
/// accomplice, not by moving someone out of its subtree or pulling someone into it.
/// Every refusal is an empty 403 that changes nothing, and the caller's reach stays as it was.
/// </summary>
public sealed class SelfEscalationTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Put_ByAScopedAdministratorOnItself_GrantingItselfAdministratorAtTheRoot_Returns403()
    {
        var (company, west, _, westAdmin, client) = await ScopedAdministratorAsync();
        var body = Itself(westAdmin, west);
        body["groupRoles"]!.AsArray().Add(UserBodies.GroupRole(company.RootId, RoleCatalog.Administrator));

        await ExpectRefusedAsync(company, westAdmin.Id, () => client.PutJsonAsync($"/v1/users/{westAdmin.Id}", body));
        await ExpectReachUnchangedAsync(company, client);
    }

    [StoreFact]
    public async Task Put_ByAScopedAdministratorOnItself_MovingItsAdministratorRoleToASiblingGroup_Returns403()
    {
        var (company, _, east, westAdmin, client) = await ScopedAdministratorAsync();
        var body = Itself(westAdmin, east);

        await ExpectRefusedAsync(company, westAdmin.Id, () => client.PutJsonAsync($"/v1/users/{westAdmin.Id}", body));
    }

    [StoreFact]
    public async Task Put_ByAScopedAdministratorOnItself_WithinItsSubtree_Returns200()
    {
        // The control: editing itself is allowed while nothing leaves its subtree and it takes no role it did not hold there.
        var (company, west, _, westAdmin, client) = await ScopedAdministratorAsync();
        var california = await company.AddGroupAsync("California", west);
        var body = Itself(westAdmin, west);
        body["firstName"] = "Wendy";
        body["groupRoles"]!.AsArray().Add(UserBodies.GroupRole(california, RoleCatalog.Administrator));

        await HttpAssert.ExpectAsync(await client.PutJsonAsync($"/v1/users/{westAdmin.Id}", body), HttpStatusCode.OK);
    }

    [StoreTheory]
    [InlineData("root")]
    [InlineData("sibling")]
    public async Task Patch_ByAScopedAdministratorOnItself_AddingAdministratorOutsideItsSubtree_Returns403(string where)
    {
        var (company, _, east, westAdmin, client) = await ScopedAdministratorAsync();
        var group = where == "root" ? company.RootId : east;

        await ExpectRefusedAsync(company, westAdmin.Id, () =>
            client.PatchJsonAsync($"/v1/users/{westAdmin.Id}/groupRoles", PatchBodies.Of(PatchBodies.Add(group, RoleCatalog.Administrator))));
        await ExpectReachUnchangedAsync(company, client);
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Coach)]
    [InlineData(RoleCatalog.Driver)]
    [InlineData(RoleCatalog.GroupManager)]
    public async Task Patch_ByACallerWithoutAdministrator_PromotingItselfInItsOwnGroup_Returns403(int role)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var (caller, client) = await company.NewCallerAsync((west, role));

        await ExpectRefusedAsync(company, caller.Id, () =>
            client.PatchJsonAsync($"/v1/users/{caller.Id}/groupRoles", PatchBodies.Of(PatchBodies.Add(west, RoleCatalog.Administrator))));
    }

    [StoreFact]
    public async Task Patch_ByAnAdministratorOfWestWhoIsCoachAtTheRoot_PromotingItselfAtTheRoot_Returns403()
    {
        // Coach at the root reads everyone but manages no one there, itself included.
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var (caller, client) = await company.NewCallerAsync((west, RoleCatalog.Administrator), (company.RootId, RoleCatalog.Coach));

        await ExpectRefusedAsync(company, caller.Id, () => client.PatchJsonAsync($"/v1/users/{caller.Id}/groupRoles",
            PatchBodies.Of(PatchBodies.Add(company.RootId, RoleCatalog.Administrator), PatchBodies.Remove(company.RootId, RoleCatalog.Coach))));
    }

    [StoreFact]
    public async Task Put_ByAnAdministratorOnItself_GrantingItselfGroupManagerInItsOwnGroup_Returns403()
    {
        var (company, west, _, westAdmin, client) = await ScopedAdministratorAsync();
        var body = Itself(westAdmin, west);
        body["groupRoles"]!.AsArray().Add(UserBodies.GroupRole(west, RoleCatalog.GroupManager));

        await ExpectRefusedAsync(company, westAdmin.Id, () => client.PutJsonAsync($"/v1/users/{westAdmin.Id}", body));
        await HttpAssert.ExpectEmptyAsync(await client.PostJsonAsync("/v1/groups", GroupBodies.Create("Oregon", west)), HttpStatusCode.Forbidden);
    }

    [StoreTheory]
    [InlineData(RoleCatalog.GroupManager)]
    [InlineData(RoleCatalog.Coach)]
    [InlineData(RoleCatalog.VideoReviewer)]
    public async Task Patch_ByAnAdministratorOnItself_TakingARoleItDoesNotHoldInItsOwnGroup_Returns403(int role)
    {
        // Reach is compared role by role: a role the caller did not hold over a group is more reach, whatever it grants.
        var (company, west, _, westAdmin, client) = await ScopedAdministratorAsync();

        await ExpectRefusedAsync(company, westAdmin.Id, () =>
            client.PatchJsonAsync($"/v1/users/{westAdmin.Id}/groupRoles", PatchBodies.Of(PatchBodies.Add(west, role))));
    }

    [StoreFact]
    public async Task Patch_ByACallerOnItself_TakingARoleItHoldsAbove_OrDroppingOne_Succeeds()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var (caller, client) = await company.NewCallerAsync((company.RootId, RoleCatalog.Administrator), (company.RootId, RoleCatalog.GroupManager),
            (west, RoleCatalog.Coach));

        await HttpAssert.ExpectAsync(await client.PatchJsonAsync($"/v1/users/{caller.Id}/groupRoles",
            PatchBodies.Of(PatchBodies.Add(west, RoleCatalog.GroupManager), PatchBodies.Remove(west, RoleCatalog.Coach))), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Patch_ByAnAdministrator_GivingAnotherUserGroupManagerInItsGroup_StillSucceeds()
    {
        // The rule is about the caller's own reach; what it may give others is the contract's rule (its Administrator reach).
        var (company, west, _, _, client) = await ScopedAdministratorAsync();
        var driver = await company.CreateUserAsync(west);

        await HttpAssert.ExpectAsync(await client.PatchJsonAsync($"/v1/users/{driver.Id}/groupRoles",
            PatchBodies.Of(PatchBodies.Add(west, RoleCatalog.GroupManager))), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Post_ByAScopedAdministrator_CreatingAnAccompliceAdministratorAtTheRoot_Returns403AndCreatesNobody()
    {
        var (company, west, _, _, client) = await ScopedAdministratorAsync();
        var body = UserBodies.Create(company.RootId, RoleCatalog.Administrator);
        body["groupRoles"]!.AsArray().Add(UserBodies.GroupRole(west, RoleCatalog.Driver));
        body["password"] = "Accomplice-Pass-1";
        body["loginEnabled"] = true;

        await HttpAssert.ExpectEmptyAsync(await client.PostJsonAsync("/v1/users", body), HttpStatusCode.Forbidden);

        var login = await app.CreateClient().PostJsonAsync("/api/auth/user", new JsonObject { ["username"] = body["username"]!.DeepClone(), ["password"] = "Accomplice-Pass-1" });
        await HttpAssert.ExpectEmptyAsync(login, HttpStatusCode.Unauthorized);
    }

    [StoreFact]
    public async Task Put_ByAScopedAdministrator_PromotingAUserOfItsSubtreeAboveIt_Returns403()
    {
        var (company, west, _, _, client) = await ScopedAdministratorAsync();
        var driver = await company.CreateUserAsync(west);
        var body = UserBodies.Update(west);
        body["groupRoles"]!.AsArray().Add(UserBodies.GroupRole(company.RootId, RoleCatalog.Administrator));

        await ExpectRefusedAsync(company, driver.Id, () => client.PutJsonAsync($"/v1/users/{driver.Id}", body));
    }

    [StoreFact]
    public async Task Patch_ByAScopedAdministrator_MovingAUserOutOfItsSubtree_Returns403()
    {
        var (company, west, east, _, client) = await ScopedAdministratorAsync();
        var driver = await company.CreateUserAsync(west);

        await ExpectRefusedAsync(company, driver.Id, () => client.PatchJsonAsync($"/v1/users/{driver.Id}/groupRoles",
            PatchBodies.Of(PatchBodies.Add(east, RoleCatalog.Driver), PatchBodies.Remove(west, RoleCatalog.Driver))));
    }

    [StoreTheory]
    [InlineData("removeTheOutsideRole")]
    [InlineData("addInside")]
    public async Task Patch_ByAScopedAdministrator_OnAUserWhoAlsoBelongsOutsideIt_Returns403(string change)
    {
        var (company, west, east, _, client) = await ScopedAdministratorAsync();
        var both = await company.CreateUserAsync(west, customize: b =>
            b["groupRoles"] = new JsonArray(UserBodies.GroupRole(west, RoleCatalog.Driver), UserBodies.GroupRole(east, RoleCatalog.Driver)));
        var operation = change == "addInside" ? PatchBodies.Add(west, RoleCatalog.Coach) : PatchBodies.Remove(east, RoleCatalog.Driver);

        await ExpectRefusedAsync(company, both.Id, () => client.PatchJsonAsync($"/v1/users/{both.Id}/groupRoles", PatchBodies.Of(operation)));
    }

    [StoreFact]
    public async Task Put_ByAScopedAdministrator_OnTheCompanyAdministrator_Returns403()
    {
        var (company, west, _, _, client) = await ScopedAdministratorAsync();
        var body = UserBodies.Update(west);
        body["username"] = company.AdminUsername;

        await ExpectRefusedAsync(company, company.AdminId, () => client.PutJsonAsync($"/v1/users/{company.AdminId}", body));
    }

    /// <summary>A company with West and East under the root, and an Administrator of West, logged in.</summary>
    private async Task<(TestCompany Company, Guid West, Guid East, TestUser WestAdmin, HttpClient Client)> ScopedAdministratorAsync()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (westAdmin, client) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        return (company, west, east, westAdmin, client);
    }

    /// <summary>A PUT body that keeps the user as it is: its name and password, Administrator in the group.</summary>
    private static JsonObject Itself(TestUser user, Guid group)
    {
        var body = UserBodies.Update(group, RoleCatalog.Administrator);
        body["username"] = user.Username;
        body["loginEnabled"] = true;
        return body;
    }

    private static async Task ExpectRefusedAsync(TestCompany company, Guid userId, Func<Task<HttpResponseMessage>> send)
    {
        var before = await company.GetUserAsync(userId);
        var audit = await company.Admin.GetObjectAsync($"/v1/users/{userId}/auditLogs");

        await HttpAssert.ExpectEmptyAsync(await send(), HttpStatusCode.Forbidden);

        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(userId)).ToJsonString());
        Assert.Equal(audit.ToJsonString(), (await company.Admin.GetObjectAsync($"/v1/users/{userId}/auditLogs")).ToJsonString());
    }

    /// <summary>After a refused escalation the caller still cannot touch anyone outside its subtree.</summary>
    private static async Task ExpectReachUnchangedAsync(TestCompany company, HttpClient client)
    {
        var rootDriver = await company.CreateUserAsync(company.RootId);
        await HttpAssert.ExpectEmptyAsync(await client.GetAsync($"/v1/users/{rootDriver.Id}"), HttpStatusCode.Forbidden);
    }
}
