using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>
/// GET, PUT and the list of users do not read their caller again once an instance has read it: the caller's
/// confirmation (its user's version and security stamp unchanged) goes with the request's first statement
/// (issue 15). Whatever changes the caller still takes effect on its very next request, on every instance.
/// </summary>
public sealed class RememberedCallerTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task DisabledCaller_IsRefusedOnItsVeryNextGetPutAndList_AndChangesNothing()
    {
        var (company, caller, client, target) = await RememberedAdministratorAsync();

        await ChangeCallerAsync(company, caller, b => b["loginEnabled"] = false);

        await HttpAssert.ExpectEmptyAsync(await client.GetAsync($"/v1/users/{target.Id}"), HttpStatusCode.Unauthorized);
        await HttpAssert.ExpectEmptyAsync(await client.GetAsync("/v1/users"), HttpStatusCode.Unauthorized);
        var before = await company.GetUserAsync(target.Id);
        var change = UserBodies.Update(company.RootId);
        change["username"] = target.Username;
        await HttpAssert.ExpectEmptyAsync(await client.PutJsonAsync($"/v1/users/{target.Id}", change), HttpStatusCode.Unauthorized);
        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(target.Id)).ToJsonString());
    }

    [StoreFact]
    public async Task DisabledCaller_SendingBadInput_Gets401_Not400()
    {
        var (company, caller, client, target) = await RememberedAdministratorAsync();

        await ChangeCallerAsync(company, caller, b => b["status"] = "Inactive");

        await HttpAssert.ExpectEmptyAsync(await client.GetAsync("/v1/users/not-a-uuid?searchBy=UserId"), HttpStatusCode.Unauthorized);
        await HttpAssert.ExpectEmptyAsync(await client.PutAsync($"/v1/users/{target.Id}", Json.Content("{ not json")), HttpStatusCode.Unauthorized);
    }

    [StoreFact]
    public async Task CallerWhoseRoleChanged_HasItsNewReachOnItsVeryNextRequest()
    {
        var (company, caller, client, target) = await RememberedAdministratorAsync();
        var branch = await company.AddGroupAsync("Branch " + Unique.Suffix());

        // Still an administrator, but of a branch that does not hold the target.
        await ChangeCallerAsync(company, caller, b =>
        {
            b["groupRoles"] = new JsonArray(UserBodies.GroupRole(branch, RoleCatalog.Administrator));
            b["primaryGroupId"] = branch;
        });

        await HttpAssert.ExpectEmptyAsync(await client.GetAsync($"/v1/users/{target.Id}"), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task CallerDisabledOnAnotherInstance_IsRefusedOnItsVeryNextRequest()
    {
        var (company, caller, client, target) = await RememberedAdministratorAsync();
        await using var other = app.Sibling();
        var onOther = FleetUsersApp.ClientOf(other, client.DefaultRequestHeaders.Authorization!.Parameter);
        await HttpAssert.ExpectAsync(await onOther.GetAsync($"/v1/users/{target.Id}"), HttpStatusCode.OK); // remembered there too

        // Disabled through the first instance: the other one learns it from the database, on the next request.
        await ChangeCallerAsync(company, caller, b => b["loginEnabled"] = false);

        await HttpAssert.ExpectEmptyAsync(await onOther.GetAsync($"/v1/users/{target.Id}"), HttpStatusCode.Unauthorized);
    }

    [StoreFact]
    public async Task CallerRenamedSinceRemembered_ActsUnderItsNewName_AndItsChangeIsMadeOnce()
    {
        var (company, caller, client, target) = await RememberedAdministratorAsync();
        var newName = "renamed-" + Unique.Suffix();
        await ChangeCallerAsync(company, caller, b => b["username"] = newName);

        // The remembered caller's confirmation fails (its version moved): the caller is read again and the PUT runs as it.
        var change = UserBodies.Update(company.RootId);
        change["username"] = target.Username;
        var response = await client.PutJsonAsync($"/v1/users/{target.Id}", change);
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);

        var trail = await company.Admin.GetObjectAsync($"/v1/users/{target.Id}/auditLogs");
        var byCaller = trail["data"]!.AsArray().Where(e => e!["actor"]!["id"]!.GetValue<string>() == caller.Id.ToString()).ToList();
        Assert.Equal(newName, Assert.Single(byCaller)!["actor"]!["name"]!.GetValue<string>());
    }

    /// <summary>An administrator of the company's root, logged in, remembered by the app (it read a user once), and a user to read and change.</summary>
    private async Task<(TestCompany Company, TestUser Caller, HttpClient Client, TestUser Target)> RememberedAdministratorAsync()
    {
        var company = await app.NewCompanyAsync();
        var (caller, client) = await company.NewCallerAsync((company.RootId, RoleCatalog.Administrator));
        var target = await company.CreateUserAsync(company.RootId);
        await HttpAssert.ExpectAsync(await client.GetAsync($"/v1/users/{target.Id}"), HttpStatusCode.OK);
        return (company, caller, client, target);
    }

    /// <summary>The company's administrator PUTs the caller's user as it is (its name, an administrator of the root, login enabled), changed as the test says.</summary>
    private static async Task ChangeCallerAsync(TestCompany company, TestUser caller, Action<JsonObject> change)
    {
        var body = UserBodies.Update(company.RootId, RoleCatalog.Administrator);
        body["username"] = caller.Username;
        body["loginEnabled"] = true;
        change(body);
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{caller.Id}", body), HttpStatusCode.OK);
    }
}
