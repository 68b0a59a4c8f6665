using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Users;

/// <summary>GET /v1/users/roles: the fixed catalogue, with ids that never change.</summary>
public sealed class RolesTests(FleetUsersApp app)
{
    /// <summary>The published ids: clients store them, so they must never move.</summary>
    public static TheoryData<int, string> PublishedRoles() => new()
    {
        { 1, "Administrator" },
        { 2, "Group Manager" },
        { 3, "Coach" },
        { 4, "Driver" },
        { 5, "Video Reviewer" },
        { 6, "Video Reviewer Plus" },
    };

    private static async Task<JsonArray> ReadRolesAsync(HttpClient client)
    {
        var response = await client.GetAsync("/v1/users/roles");
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    [StoreFact]
    public async Task Roles_Returns200WithEveryRoleAsIdNameAndDescription()
    {
        var company = await app.NewCompanyAsync();

        var roles = await ReadRolesAsync(company.Admin);

        Assert.Equal(6, roles.Count);
        foreach (var role in roles.Select(r => r!.AsObject()))
        {
            Assert.Equal(["description", "id", "name"], role.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.False(string.IsNullOrWhiteSpace(role["name"]!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(role["description"]!.GetValue<string>()));
        }
        Assert.Equal(roles.Count, roles.Select(r => r!["id"]!.GetValue<int>()).Distinct().Count());
    }

    [StoreTheory]
    [MemberData(nameof(PublishedRoles))]
    public async Task Roles_KeepTheirPublishedIds(int id, string name)
    {
        var company = await app.NewCompanyAsync();

        var roles = await ReadRolesAsync(company.Admin);

        Assert.Contains(roles, r => r!["id"]!.GetValue<int>() == id && r["name"]!.GetValue<string>() == name);
    }

    [StoreFact]
    public async Task Roles_MatchTheConstantsTheServiceChecks()
    {
        var company = await app.NewCompanyAsync();

        var roles = await ReadRolesAsync(company.Admin);

        Assert.Equal(
            [RoleCatalog.Administrator, RoleCatalog.GroupManager, RoleCatalog.Coach, RoleCatalog.Driver, RoleCatalog.VideoReviewer, RoleCatalog.VideoReviewerPlus],
            roles.Select(r => r!["id"]!.GetValue<int>()).Order());
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Driver)]
    [InlineData(RoleCatalog.VideoReviewer)]
    public async Task Roles_NeedOnlyAValidToken(int callerRole)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var (_, caller) = await company.NewCallerAsync((west, callerRole));

        var roles = await ReadRolesAsync(caller);

        Assert.Equal(6, roles.Count);
    }

    [StoreFact]
    public async Task Roles_AreTheSameForEveryCompany()
    {
        var one = await app.NewCompanyAsync();
        var two = await app.NewCompanyAsync();

        Assert.Equal((await ReadRolesAsync(one.Admin)).ToJsonString(), (await ReadRolesAsync(two.Admin)).ToJsonString());
    }

    [StoreFact]
    public async Task Roles_WithoutAToken_Returns401WithAnEmptyBody()
    {
        var response = await app.CreateClient().GetAsync("/v1/users/roles");

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [StoreFact]
    public async Task Roles_WithAMalformedToken_Returns401()
    {
        await HttpAssert.ExpectEmptyAsync(await app.CreateClient("not-a-token").GetAsync("/v1/users/roles"), HttpStatusCode.Unauthorized);
    }
}
