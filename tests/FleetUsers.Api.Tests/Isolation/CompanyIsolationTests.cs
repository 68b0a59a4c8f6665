using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Isolation;

/// <summary>
/// Two companies, each with groups and users (one employee id the same in both). Every
/// endpoint, called by one company (as a user and as an API client) with the other's user
/// ids, group ids, usernames and employee ids, answers 404 exactly as for an id that does
/// not exist; lists never show the other company; nothing of the other company changes.
/// </summary>
public sealed class CompanyIsolationTests(FleetUsersApp app)
{
    public static TheoryData<string> Callers() => ["user", "client"];

    [StoreTheory]
    [MemberData(nameof(Callers))]
    public async Task EveryEndpoint_WithTheOtherCompanysIdsOrNames_Answers404_AsForOnesThatDoNotExist(string callerKind)
    {
        var (mine, theirs) = await TwoCompaniesAsync();
        var caller = await CallerAsync(mine, callerKind);
        var ownGroup = mine.West;
        var requests = new (string Name, Func<string, HttpRequestMessage> Request, string Kind)[]
        {
            ("GET user by id", id => Get($"/v1/users/{id}"), "user"),
            ("GET user by username", name => Get($"/v1/users/{name}?searchBy=Username"), "username"),
            ("GET user by employee id", emp => Get($"/v1/users/{emp}?searchBy=employeeId"), "employeeId"),
            ("PUT user", id => Send(HttpMethod.Put, $"/v1/users/{id}", UserBodies.Update(ownGroup)), "user"),
            ("PATCH user group roles", id => Send(HttpMethod.Patch, $"/v1/users/{id}/groupRoles",
                PatchBodies.Of(PatchBodies.Add(ownGroup, RoleCatalog.Coach))), "user"),
            ("GET users of a group", id => Get($"/v1/users?groupId={id}"), "group"),
            ("GET users of a group and below", id => Get($"/v1/users?groupId={id}&includeSubGroups=true"), "group"),
            ("GET group", id => Get($"/v1/groups/{id}"), "group"),
            ("GET groups by id", id => Get($"/v1/groups?groupIds={id}"), "group"),
            ("GET group descendants", id => Get($"/v1/groups/{id}/descendants"), "group"),
            ("PUT group", id => Send(HttpMethod.Put, $"/v1/groups/{id}", GroupBodies.Update("Mine", mine.Root)), "group"),
            ("DELETE group", id => new HttpRequestMessage(HttpMethod.Delete, $"/v1/groups/{id}"), "group"),
            ("POST group under it", id => Send(HttpMethod.Post, "/v1/groups", GroupBodies.Create("Mine", Guid.Parse(id))), "group"),
            ("PUT own group under it", id => Send(HttpMethod.Put, $"/v1/groups/{ownGroup}", GroupBodies.Update("West", Guid.Parse(id))), "group"),
        };

        foreach (var (name, request, kind) in requests)
        {
            foreach (var (theirValue, missingValue) in Values(theirs, kind))
            {
                var forTheirs = await caller.SendAsync(request(theirValue));
                var forMissing = await caller.SendAsync(request(missingValue));

                if (name == "PUT own group under it" && callerKind == "client")
                {
                    // The client is Administrator, not Group Manager: refused over its own group first (403),
                    // the same answer whatever the new parent is.
                    await HttpAssert.ExpectEmptyAsync(forTheirs, HttpStatusCode.Forbidden);
                    await HttpAssert.ExpectEmptyAsync(forMissing, HttpStatusCode.Forbidden);
                    continue;
                }
                var theirMessages = await ExpectNotFoundAsync(forTheirs, $"{name} with {theirValue}");
                var missingMessages = await ExpectNotFoundAsync(forMissing, $"{name} with {missingValue}");
                Assert.Equal(missingMessages.Select(m => m.Replace(missingValue, "X", StringComparison.Ordinal)),
                    theirMessages.Select(m => m.Replace(theirValue, "X", StringComparison.Ordinal)));
            }
        }
        await AssertUnchangedAsync(theirs);
    }

    [StoreTheory]
    [MemberData(nameof(Callers))]
    public async Task BodiesNamingTheOtherCompanysGroups_AreAnsweredAsForGroupsThatDoNotExist(string callerKind)
    {
        var (mine, theirs) = await TwoCompaniesAsync();
        var caller = await CallerAsync(mine, callerKind);
        var target = await mine.Company.CreateUserAsync(mine.West);

        foreach (var group in new[] { theirs.West, Guid.NewGuid() })
        {
            var create = UserBodies.Create(group);
            var update = UserBodies.Update(mine.West);
            update["groupRoles"] = new JsonArray(UserBodies.GroupRole(group, RoleCatalog.Driver));
            update["primaryGroupId"] = null;

            await HttpAssert.ExpectBadRequestNamingAsync(await caller.PostJsonAsync("/v1/users", create), "groupRoles[0].groupId", "is not a group of this company");
            await HttpAssert.ExpectBadRequestNamingAsync(await caller.PutJsonAsync($"/v1/users/{target.Id}", update), "groupRoles[0].groupId", "is not a group of this company");
            await HttpAssert.ExpectBadRequestNamingAsync(await caller.PatchJsonAsync($"/v1/users/{target.Id}/groupRoles",
                PatchBodies.Of(PatchBodies.Add(group, RoleCatalog.Coach))), "[0].value.groupId", "is not a group of this company");
        }
        await AssertUnchangedAsync(theirs);
    }

    [StoreTheory]
    [MemberData(nameof(Callers))]
    public async Task Lists_NeverShowTheOtherCompany(string callerKind)
    {
        var (mine, theirs) = await TwoCompaniesAsync();
        var caller = await CallerAsync(mine, callerKind);

        var users = await AllUserIdsAsync(caller, "/v1/users");
        var searched = await AllUserIdsAsync(caller, $"/v1/users?searchText={theirs.Driver.Username}");
        var byEmployeeId = await AllUserIdsAsync(caller, "/v1/users?searchText=E-100");
        var groups = await AllGroupIdsAsync(caller, "/v1/groups");
        var below = await (await caller.GetAsync($"/v1/groups/{mine.Root}/descendants?depth=0")).Content.ReadFromJsonAsync<List<Guid>>();

        Assert.Contains(mine.Driver.Id, users);
        Assert.DoesNotContain(theirs.Driver.Id, users);
        Assert.DoesNotContain(theirs.Admin, users);
        Assert.Empty(searched);
        Assert.Equal([mine.Driver.Id], byEmployeeId);
        Assert.Equal(new[] { mine.Root, mine.West }.Order(), groups.Order());
        Assert.Equal([mine.West], below);
    }

    [StoreFact]
    public async Task TheSameEmployeeIdInBothCompanies_FindsEachCompanysOwnUser()
    {
        var (mine, theirs) = await TwoCompaniesAsync();

        var own = await mine.Company.Admin.GetObjectAsync("/v1/users/E-100?searchBy=EmployeeId");
        var other = await theirs.Company.Admin.GetObjectAsync("/v1/users/e-100?searchBy=EmployeeId");

        Assert.Equal(mine.Driver.Id, own["userId"]!.GetValue<Guid>());
        Assert.Equal(theirs.Driver.Id, other["userId"]!.GetValue<Guid>());
    }

    private static IEnumerable<(string Theirs, string Missing)> Values(Side theirs, string kind) => kind switch
    {
        "user" => [(theirs.Driver.Id.ToString(), Guid.NewGuid().ToString()), (theirs.Admin.ToString(), Guid.NewGuid().ToString())],
        "username" => [(theirs.Driver.Username, "nobody-" + Unique.Suffix())],
        "employeeId" => [("E-200", "E-" + Unique.Suffix())],
        _ => [(theirs.West.ToString(), Guid.NewGuid().ToString()), (theirs.Root.ToString(), Guid.NewGuid().ToString())],
    };

    private static async Task<string[]> ExpectNotFoundAsync(HttpResponseMessage response, string what)
    {
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            Assert.Fail($"{what}: expected 404, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.NotFound);
    }

    /// <summary>Each company: root → West, a driver in West (employee ids E-100 in both, E-200 only in theirs).</summary>
    private async Task<(Side Mine, Side Theirs)> TwoCompaniesAsync()
    {
        var theirs = await SideAsync(extraEmployeeId: true);
        var mine = await SideAsync(extraEmployeeId: false);
        return (mine, theirs);
    }

    private async Task<Side> SideAsync(bool extraEmployeeId)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var driver = await company.CreateUserAsync(west, customize: b => b["employeeId"] = "E-100");
        if (extraEmployeeId)
        {
            await company.CreateUserAsync(west, customize: b => b["employeeId"] = "E-200");
        }
        return new Side(company, company.RootId, west, driver, company.AdminId);
    }

    private static async Task<HttpClient> CallerAsync(Side side, string kind) =>
        kind == "user" ? side.Company.Admin : (await side.Company.NewApiClientCallerAsync(side.Root, RoleCatalog.Administrator)).Client;

    /// <summary>Their groups and users read back by their own administrator, exactly as before.</summary>
    private static async Task AssertUnchangedAsync(Side theirs)
    {
        var west = await theirs.Company.Admin.GetGroupAsync(theirs.West);
        Assert.Equal("West", west["name"]!.GetValue<string>());
        Assert.Equal(1, west["revision"]!.GetValue<int>());
        var driver = await theirs.Company.GetUserAsync(theirs.Driver.Id);
        Assert.True(JsonNode.DeepEquals(theirs.Driver.Body["groupRoles"], driver["groupRoles"]), driver.ToJsonString());
        Assert.Equal(theirs.Driver.Body["updatedDate"]!.GetValue<string>(), driver["updatedDate"]!.GetValue<string>());
    }

    private static async Task<List<Guid>> AllUserIdsAsync(HttpClient client, string path) =>
        (await client.GetObjectAsync(path))["data"]!.AsArray().Select(u => u!["userId"]!.GetValue<Guid>()).ToList();

    private static async Task<List<Guid>> AllGroupIdsAsync(HttpClient client, string path) =>
        (await client.GetObjectAsync(path))["groups"]!.AsArray().Select(g => GroupBodies.Id(g!)).ToList();

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Send(HttpMethod method, string path, JsonNode body) =>
        new(method, path) { Content = Json.Content(body) };

    private sealed record Side(TestCompany Company, Guid Root, Guid West, TestUser Driver, Guid Admin);
}
