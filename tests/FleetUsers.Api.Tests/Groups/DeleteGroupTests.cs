using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Clients;
using FleetUsers.Domain.Roles;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Groups;

/// <summary>DELETE /v1/groups/{groupId}: only an empty group goes; a refusal says what is still in it.</summary>
public sealed class DeleteGroupTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Delete_AnEmptyGroup_Returns204_AndTheGroupIsGone()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);

        var response = await company.Admin.DeleteAsync($"/v1/groups/{west}");

        await HttpAssert.ExpectAsync(response, HttpStatusCode.NoContent);
        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/groups/{west}"), HttpStatusCode.NotFound);
        await HttpAssert.ExpectErrorAsync(await company.Admin.DeleteAsync($"/v1/groups/{west}"), HttpStatusCode.NotFound);
        // The name is free again.
        await company.Admin.CreateGroupAsync("West", company.RootId);
    }

    [StoreFact]
    public async Task Delete_AGroupWithSubgroups_Returns409NamingThem()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        await company.Admin.CreateGroupAsync("Oregon", west);
        await company.Admin.CreateGroupAsync("California", west);

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.DeleteAsync($"/v1/groups/{west}"), HttpStatusCode.Conflict);

        var message = Assert.Single(messages);
        Assert.Contains("2 subgroup(s)", message, StringComparison.Ordinal);
        Assert.Contains("California, Oregon", message, StringComparison.Ordinal);
        await HttpAssert.ExpectAsync(await company.Admin.GetAsync($"/v1/groups/{west}"), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Delete_AGroupWithUsers_Returns409NamingThem()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var driver = await company.CreateUserAsync(west);
        var coach = await company.CreateUserAsync(west, RoleCatalog.Coach);

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.DeleteAsync($"/v1/groups/{west}"), HttpStatusCode.Conflict);

        var message = Assert.Single(messages);
        Assert.Contains("2 user(s)", message, StringComparison.Ordinal);
        Assert.Contains(driver.Username, message, StringComparison.Ordinal);
        Assert.Contains(coach.Username, message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Delete_AGroupWithSubgroupsAndUsers_NamesBoth()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        await company.Admin.CreateGroupAsync("Oregon", west);
        await company.CreateUserAsync(west);

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.DeleteAsync($"/v1/groups/{west}"), HttpStatusCode.Conflict);

        Assert.Equal(2, messages.Length);
    }

    [StoreFact]
    public async Task Delete_AGroupWithAnActiveApiClient_Returns409NamingIt_ButARevokedOneDoesNotHoldItBack()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var (clientId, _) = await company.NewApiClientAsync(west, RoleCatalog.Coach, "Payroll sync");

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.DeleteAsync($"/v1/groups/{west}"), HttpStatusCode.Conflict);
        Assert.Contains("Payroll sync", Assert.Single(messages), StringComparison.Ordinal);

        await company.App.Services.GetRequiredService<ApiClientService>().RevokeAsync(clientId, CancellationToken.None);
        await HttpAssert.ExpectAsync(await company.Admin.DeleteAsync($"/v1/groups/{west}"), HttpStatusCode.NoContent);
    }

    [StoreFact]
    public async Task Delete_ByAGroupManagerWhoMayNotReadTheUsers_CountsUsersAndClients_WithoutNamingThem()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var oregon = await company.Admin.CreateGroupAsync("Oregon", west);
        var driver = await company.CreateUserAsync(oregon);
        await company.NewApiClientAsync(oregon, RoleCatalog.Coach, "Payroll sync");
        var (_, manager) = await company.NewCallerAsync((west, RoleCatalog.GroupManager));

        var messages = await HttpAssert.ExpectErrorAsync(await manager.DeleteAsync($"/v1/groups/{oregon}"), HttpStatusCode.Conflict);

        Assert.Equal(2, messages.Length);
        Assert.Contains("1 user(s)", messages[0], StringComparison.Ordinal);
        Assert.DoesNotContain(driver.Username, messages[0], StringComparison.Ordinal);
        Assert.Contains("1 API client(s)", messages[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Payroll", messages[1], StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Delete_ByAGroupManagerWhoReadsSomeOfTheUsers_NamesOnlyThose()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        var oregon = await company.Admin.CreateGroupAsync("Oregon", west);
        var hidden = await company.CreateUserAsync(oregon);
        var readable = await company.CreateUserAsync(oregon, customize: b =>
            b["groupRoles"] = new System.Text.Json.Nodes.JsonArray(UserBodies.GroupRole(oregon, RoleCatalog.Driver), UserBodies.GroupRole(east, RoleCatalog.Driver)));
        var (_, manager) = await company.NewCallerAsync((west, RoleCatalog.GroupManager), (east, RoleCatalog.Coach));

        var message = Assert.Single(await HttpAssert.ExpectErrorAsync(await manager.DeleteAsync($"/v1/groups/{oregon}"), HttpStatusCode.Conflict));

        Assert.Contains("2 user(s)", message, StringComparison.Ordinal);
        Assert.Contains(readable.Username, message, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden.Username, message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Delete_TheRoot_Returns409()
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectErrorAsync(await company.Admin.DeleteAsync($"/v1/groups/{company.RootId}"), HttpStatusCode.Conflict);
    }

    [StoreFact]
    public async Task Delete_WithoutGroupManagerOverTheGroup_Returns403_AndAGroupManagerBelowCanDeleteInItsSubtree()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var oregon = await company.Admin.CreateGroupAsync("Oregon", west);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        var (_, manager) = await company.NewCallerAsync((west, RoleCatalog.GroupManager));
        var (_, admin) = await company.NewCallerAsync((company.RootId, RoleCatalog.Administrator));

        await HttpAssert.ExpectEmptyAsync(await manager.DeleteAsync($"/v1/groups/{east}"), HttpStatusCode.Forbidden);
        await HttpAssert.ExpectEmptyAsync(await admin.DeleteAsync($"/v1/groups/{oregon}"), HttpStatusCode.Forbidden);
        await HttpAssert.ExpectAsync(await manager.DeleteAsync($"/v1/groups/{oregon}"), HttpStatusCode.NoContent);
    }

    [StoreFact]
    public async Task Delete_AGroupOfAnotherCompany_Returns404_AndLeavesIt()
    {
        var other = await app.NewCompanyAsync();
        var otherWest = await other.Admin.CreateGroupAsync("West", other.RootId);
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectErrorAsync(await company.Admin.DeleteAsync($"/v1/groups/{otherWest}"), HttpStatusCode.NotFound);

        await HttpAssert.ExpectAsync(await other.Admin.GetAsync($"/v1/groups/{otherWest}"), HttpStatusCode.OK);
    }
}
