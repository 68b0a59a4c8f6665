using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Users;

/// <summary>PATCH /v1/users/{userId}/groupRoles: add and remove group roles, all together or none.</summary>
public sealed class PatchGroupRolesTests(FleetUsersApp app)
{
    /// <summary>Malformed operations (at index 1, after a good one) and the item field each must be named by. {group} is a real group id.</summary>
    public static TheoryData<string, string> MalformedOperations() => new()
    {
        { """{"op": "replace", "path": "/roles", "value": {"groupId": "{group}", "roleId": 5}}""", "[1].op" },
        { """{"path": "/roles", "value": {"groupId": "{group}", "roleId": 5}}""", "[1].op" },
        { """{"op": 7, "path": "/roles", "value": {"groupId": "{group}", "roleId": 5}}""", "[1].op" },
        { """{"op": "add", "path": "/groups", "value": {"groupId": "{group}", "roleId": 5}}""", "[1].path" },
        { """{"op": "add", "value": {"groupId": "{group}", "roleId": 5}}""", "[1].path" },
        { """{"op": "add", "path": "/roles"}""", "[1].value" },
        { """{"op": "add", "path": "/roles", "value": [3]}""", "[1].value" },
        { """{"op": "add", "path": "/roles", "value": {"groupId": "not-a-uuid", "roleId": 5}}""", "[1].value.groupId" },
        { """{"op": "add", "path": "/roles", "value": {"groupId": "{group}", "roleId": "5"}}""", "[1].value.roleId" },
        { """{"op": "add", "path": "/roles", "value": {"groupId": "{group}"}}""", "[1].value.roleId" },
        { """{"op": "add", "path": "/roles", "value": {"groupId": "{group}", "roleId": 5, "level": 2}}""", "[1].value.level" },
        { """{"op": "remove", "path": "/groups/not-a-uuid/roles/4"}""", "[1].path" },
        { """{"op": "remove", "path": "/groups/{group}/roles/four"}""", "[1].path" },
        { """{"op": "remove", "path": "/groups/{group}"}""", "[1].path" },
        { """{"op": "remove", "path": "/groups/{group}/roles/4", "value": {"groupId": "{group}", "roleId": 4}}""", "[1].value" },
        { """{"op": "add", "path": "/roles", "value": {"groupId": "{group}", "roleId": 5}, "from": "/roles"}""", "[1].from" },
        { "\"add\"", "[1]" },
    };

    [StoreFact]
    public async Task Patch_AddingARole_Returns200WithTheUsersGroupRoles()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Driver);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Add(west, RoleCatalog.Coach)));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var body = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(["userId", "groupRoles"], body.Select(p => p.Key));
        Assert.Equal(user.Id.ToString(), body["userId"]!.GetValue<string>());
        foreach (var role in body["groupRoles"]!.AsArray())
        {
            Assert.Equal(["groupId", "roleId"], role!.AsObject().Select(p => p.Key));
        }
        Assert.Equal(Pairs((company.RootId, RoleCatalog.Driver), (west, RoleCatalog.Coach)), Pairs(body["groupRoles"]!));
        Assert.Equal(Pairs((company.RootId, RoleCatalog.Driver), (west, RoleCatalog.Coach)), await StoredPairsAsync(company, user));
        Assert.NotNull(response.Headers.ETag);
    }

    [StoreFact]
    public async Task Patch_RemovingARole_Returns200AndTheRoleIsGone()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var user = await CreateUserWithRolesAsync(company, (company.RootId, RoleCatalog.Driver), (west, RoleCatalog.Coach));

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Remove(company.RootId, RoleCatalog.Driver)));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(Pairs((west, RoleCatalog.Coach)), Pairs((await HttpAssert.ReadObjectAsync(response))["groupRoles"]!));
        Assert.Equal(Pairs((west, RoleCatalog.Coach)), await StoredPairsAsync(company, user));
    }

    [StoreFact]
    public async Task Patch_WithSeveralOperations_AppliesThemAllTogether()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var user = await CreateUserWithRolesAsync(company, (company.RootId, RoleCatalog.Driver), (west, RoleCatalog.Coach));

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(
            PatchBodies.Add(east, RoleCatalog.VideoReviewer),
            PatchBodies.Remove(west, RoleCatalog.Coach),
            PatchBodies.Add(west, RoleCatalog.Driver)));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var expected = Pairs((company.RootId, RoleCatalog.Driver), (east, RoleCatalog.VideoReviewer), (west, RoleCatalog.Driver));
        Assert.Equal(expected, Pairs((await HttpAssert.ReadObjectAsync(response))["groupRoles"]!));
        Assert.Equal(expected, await StoredPairsAsync(company, user));
    }

    [StoreFact]
    public async Task Patch_WithOneBadOperationAmongGoodOnes_Returns400NamingItAndChangesNothing()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var user = await CreateUserWithRolesAsync(company, (company.RootId, RoleCatalog.Driver), (west, RoleCatalog.Coach));
        var before = await company.GetUserAsync(user.Id);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(
            PatchBodies.Add(east, RoleCatalog.Coach),
            PatchBodies.Remove(east, RoleCatalog.Driver),
            PatchBodies.Remove(west, RoleCatalog.Coach)));

        var messages = await HttpAssert.ExpectBadRequestNamingAsync(response, "[1].path");
        Assert.DoesNotContain(messages, m => m.StartsWith("[0]", StringComparison.Ordinal) || m.StartsWith("[2]", StringComparison.Ordinal));
        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(user.Id)).ToJsonString());
    }

    [StoreFact]
    public async Task Patch_WithSeveralBadOperations_ReportsEveryOne()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Driver);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(
            PatchBodies.Add(company.RootId, 999),
            PatchBodies.Remove(company.RootId, RoleCatalog.Coach),
            new JsonObject { ["op"] = "move", ["path"] = "/roles" }));

        var messages = await HttpAssert.ExpectBadRequestNamingAsync(response, "[0].value.roleId");
        Assert.Contains(messages, m => m.StartsWith("[1].path", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("[2].op", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Patch_AddingAPairTheUserAlreadyHas_Returns400NamingTheItem()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Driver);
        var before = await company.GetUserAsync(user.Id);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Add(company.RootId, RoleCatalog.Driver)));

        await HttpAssert.ExpectBadRequestNamingAsync(response, "[0].value");
        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(user.Id)).ToJsonString());
    }

    [StoreFact]
    public async Task Patch_AddingTheSamePairTwice_Returns400NamingTheSecond()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Driver);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(
            PatchBodies.Add(company.RootId, RoleCatalog.Coach),
            PatchBodies.Add(company.RootId, RoleCatalog.Coach)));

        await HttpAssert.ExpectBadRequestNamingAsync(response, "[1].value");
        Assert.Equal(Pairs((company.RootId, RoleCatalog.Driver)), await StoredPairsAsync(company, user));
    }

    [StoreFact]
    public async Task Patch_RemovingAPairTheUserLacks_Returns400NamingThePath()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Driver);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Remove(company.RootId, RoleCatalog.Coach)));

        await HttpAssert.ExpectBadRequestNamingAsync(response, "[0].path");
    }

    [StoreFact]
    public async Task Patch_RemovingTheLastRole_Returns400NamingGroupRoles()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Driver);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Remove(company.RootId, RoleCatalog.Driver)));

        await HttpAssert.ExpectBadRequestNamingAsync(response, "groupRoles", "at least one");
        Assert.Equal(Pairs((company.RootId, RoleCatalog.Driver)), await StoredPairsAsync(company, user));
    }

    [StoreFact]
    public async Task Patch_RemovingTheReviewerRoleWhileVideoDownloadIsAllowed_Returns400NamingAllowVideoSearchDownload()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.VideoReviewer,
            customize: b => b["allowVideoSearchDownload"] = true);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(
            PatchBodies.Add(company.RootId, RoleCatalog.Driver),
            PatchBodies.Remove(company.RootId, RoleCatalog.VideoReviewer)));

        await HttpAssert.ExpectBadRequestNamingAsync(response, "allowVideoSearchDownload");
        Assert.Equal(Pairs((company.RootId, RoleCatalog.VideoReviewer)), await StoredPairsAsync(company, user));
    }

    [StoreFact]
    public async Task Patch_RemovingOneOfTwoReviewerRolesWhileVideoDownloadIsAllowed_Returns200()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.VideoReviewer,
            customize: b => b["allowVideoSearchDownload"] = true);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(
            PatchBodies.Add(company.RootId, RoleCatalog.VideoReviewerPlus),
            PatchBodies.Remove(company.RootId, RoleCatalog.VideoReviewer)));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.True((await company.GetUserAsync(user.Id))["allowVideoSearchDownload"]!.GetValue<bool>());
    }

    [StoreTheory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(-1)]
    public async Task Patch_AddingARoleOutsideTheCatalogue_Returns400NamingRoleId(int roleId)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Add(company.RootId, roleId)));

        await HttpAssert.ExpectBadRequestNamingAsync(response, "[0].value.roleId");
    }

    [StoreFact]
    public async Task Patch_AddingAGroupOfAnotherCompany_Returns400NamingGroupId()
    {
        var other = await app.NewCompanyAsync();
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Add(other.RootId, RoleCatalog.Driver)));

        await HttpAssert.ExpectBadRequestNamingAsync(response, "[0].value.groupId");
        Assert.Equal(Pairs((company.RootId, RoleCatalog.Driver)), await StoredPairsAsync(company, user));
    }

    [StoreFact]
    public async Task Patch_AddingAGroupThatDoesNotExist_Returns400NamingGroupId()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Add(Guid.NewGuid(), RoleCatalog.Driver)));

        await HttpAssert.ExpectBadRequestNamingAsync(response, "[0].value.groupId");
    }

    [StoreTheory]
    [MemberData(nameof(MalformedOperations))]
    public async Task Patch_WithAMalformedOperation_Returns400NamingTheItem(string operation, string field)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var before = await company.GetUserAsync(user.Id);
        var good = PatchBodies.Add(company.RootId, RoleCatalog.Coach).ToJsonString();
        var body = $"[{good}, {operation.Replace("{group}", company.RootId.ToString(), StringComparison.Ordinal)}]";

        var response = await company.Admin.SendJsonAsync(HttpMethod.Patch, Path(user), body);

        await HttpAssert.ExpectBadRequestNamingAsync(response, field);
        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(user.Id)).ToJsonString());
    }

    [StoreTheory]
    [InlineData("""{"op": "add", "path": "/roles", "value": {"groupId": "00000000-0000-0000-0000-000000000000", "roleId": 3}}""")]
    [InlineData("null")]
    [InlineData("\"add\"")]
    [InlineData("42")]
    public async Task Patch_WithABodyThatIsNotAnArray_Returns400NamingTheBody(string body)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await company.Admin.SendJsonAsync(HttpMethod.Patch, Path(user), body);

        await HttpAssert.ExpectBadRequestNamingAsync(response, "body", "array");
    }

    [StoreFact]
    public async Task Patch_WithAnEmptyArray_Returns400SayingAnOperationIsNeeded()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await company.Admin.SendJsonAsync(HttpMethod.Patch, Path(user), "[]");

        var messages = await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(messages, m => m.Contains("body", StringComparison.Ordinal) && m.Contains("at least one operation", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Patch_WithMalformedJson_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await company.Admin.SendJsonAsync(HttpMethod.Patch, Path(user), "[{\"op\": \"add\",");

        await HttpAssert.ExpectBadRequestNamingAsync(response, "body");
    }

    [StoreFact]
    public async Task Patch_ToAUserIdThatIsNotAUuid_Returns400NamingUserId()
    {
        var company = await app.NewCompanyAsync();

        var response = await company.Admin.PatchJsonAsync("/v1/users/not-a-uuid/groupRoles", PatchBodies.Of(PatchBodies.Add(company.RootId, RoleCatalog.Coach)));

        await HttpAssert.ExpectBadRequestNamingAsync(response, "userId");
    }

    [StoreFact]
    public async Task Patch_ToAnUnknownUser_Returns404()
    {
        var company = await app.NewCompanyAsync();

        var response = await company.Admin.PatchJsonAsync($"/v1/users/{Guid.NewGuid()}/groupRoles",
            PatchBodies.Of(PatchBodies.Add(company.RootId, RoleCatalog.Coach)));

        await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.NotFound);
    }

    [StoreFact]
    public async Task Patch_ToAUserOfAnotherCompany_Returns404AndChangesNothing()
    {
        var other = await app.NewCompanyAsync();
        var stranger = await other.CreateUserAsync(other.RootId);
        var before = await other.GetUserAsync(stranger.Id);
        var company = await app.NewCompanyAsync();

        var response = await company.Admin.PatchJsonAsync(Path(stranger), PatchBodies.Of(PatchBodies.Add(other.RootId, RoleCatalog.Coach)));

        await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(before.ToJsonString(), (await other.GetUserAsync(stranger.Id)).ToJsonString());
    }

    [StoreFact]
    public async Task Patch_ByAScopedAdministratorInsideItsSubtree_Returns200()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var driver = await company.CreateUserAsync(west);

        var response = await westAdmin.PatchJsonAsync(Path(driver), PatchBodies.Of(PatchBodies.Add(california, RoleCatalog.Coach)));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Patch_ByAScopedAdministratorAddingAGroupOutsideItsSubtree_Returns403AndChangesNothing()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var driver = await company.CreateUserAsync(west);
        var before = await company.GetUserAsync(driver.Id);

        var response = await westAdmin.PatchJsonAsync(Path(driver), PatchBodies.Of(PatchBodies.Add(east, RoleCatalog.Driver)));

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(driver.Id)).ToJsonString());
    }

    [StoreFact]
    public async Task Patch_ByAScopedAdministratorOnAUserOutsideItsSubtree_Returns403AndChangesNothing()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var eastDriver = await company.CreateUserAsync(east);
        var before = await company.GetUserAsync(eastDriver.Id);

        var response = await westAdmin.PatchJsonAsync(Path(eastDriver), PatchBodies.Of(PatchBodies.Add(west, RoleCatalog.Driver)));

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(eastDriver.Id)).ToJsonString());
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Coach)]
    [InlineData(RoleCatalog.GroupManager)]
    [InlineData(RoleCatalog.Driver)]
    public async Task Patch_ByACallerWithoutAdministrator_Returns403(int role)
    {
        var company = await app.NewCompanyAsync();
        var (_, caller) = await company.NewCallerAsync((company.RootId, role));
        var user = await company.CreateUserAsync(company.RootId);

        var response = await caller.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Add(company.RootId, RoleCatalog.Coach)));

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Patch_WithAStaleIfMatch_Returns412AndChangesNothing()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var stale = (await company.Admin.GetAsync($"/v1/users/{user.Id}")).Headers.ETag!.ToString();
        await HttpAssert.ExpectAsync(await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Add(company.RootId, RoleCatalog.Coach))),
            HttpStatusCode.OK);
        var before = await company.GetUserAsync(user.Id);

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Remove(company.RootId, RoleCatalog.Coach)), ifMatch: stale);

        await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(user.Id)).ToJsonString());
    }

    [StoreFact]
    public async Task Patch_WithAnIfMatchOfTheCurrentVersion_Returns200AndANewETag()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var current = (await company.Admin.GetAsync($"/v1/users/{user.Id}")).Headers.ETag!.ToString();

        var response = await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Add(company.RootId, RoleCatalog.Coach)), ifMatch: current);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var next = response.Headers.ETag!.ToString();
        Assert.NotEqual(current, next);
        Assert.Equal(next, (await company.Admin.GetAsync($"/v1/users/{user.Id}")).Headers.ETag!.ToString());
    }

    [StoreFact]
    public async Task Patch_RemovingTheLastRoleInTheStoredPrimaryGroup_ClearsItSoItIsDerivedAgain()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var user = await company.CreateUserAsync(west, customize: b =>
        {
            b["groupRoles"] = new JsonArray(UserBodies.GroupRole(west, RoleCatalog.Driver), UserBodies.GroupRole(california, RoleCatalog.Driver));
            b["primaryGroupId"] = california;
        });
        Assert.Equal(california.ToString(), (await company.GetUserAsync(user.Id))["primaryGroupId"]!.GetValue<string>());

        await HttpAssert.ExpectAsync(await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Remove(california, RoleCatalog.Driver))),
            HttpStatusCode.OK);
        Assert.Equal(west.ToString(), (await company.GetUserAsync(user.Id))["primaryGroupId"]!.GetValue<string>());

        // Given California back, the user's primary group stays the derived one (West, closer to the root):
        // the stored California was cleared, not merely hidden.
        await HttpAssert.ExpectAsync(await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Add(california, RoleCatalog.Driver))),
            HttpStatusCode.OK);
        Assert.Equal(west.ToString(), (await company.GetUserAsync(user.Id))["primaryGroupId"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Patch_RemovingOneOfTwoRolesInTheStoredPrimaryGroup_KeepsIt()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var user = await company.CreateUserAsync(west, customize: b =>
        {
            b["groupRoles"] = new JsonArray(UserBodies.GroupRole(west, RoleCatalog.Driver),
                UserBodies.GroupRole(california, RoleCatalog.Driver), UserBodies.GroupRole(california, RoleCatalog.Coach));
            b["primaryGroupId"] = california;
        });

        await HttpAssert.ExpectAsync(await company.Admin.PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Remove(california, RoleCatalog.Driver))),
            HttpStatusCode.OK);

        Assert.Equal(california.ToString(), (await company.GetUserAsync(user.Id))["primaryGroupId"]!.GetValue<string>());
    }

    [StoreTheory]
    [InlineData("application/json-patch+json")]
    [InlineData("application/json")]
    [InlineData("text/json")]
    public async Task Patch_WithAJsonContentType_IsAccepted(string mediaType)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var content = Json.Content(PatchBodies.Of(PatchBodies.Add(company.RootId, RoleCatalog.Coach)).ToJsonString(), mediaType);

        var response = await company.Admin.PatchAsync(Path(user), content);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(Pairs((company.RootId, RoleCatalog.Driver), (company.RootId, RoleCatalog.Coach)), await StoredPairsAsync(company, user));
    }

    [StoreFact]
    public async Task Patch_WithANonJsonContentType_Returns415()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var content = Json.Content(PatchBodies.Of(PatchBodies.Add(company.RootId, RoleCatalog.Coach)).ToJsonString(), "text/plain");

        Assert.Equal(["the body must be JSON"], await HttpAssert.ExpectErrorAsync(await company.Admin.PatchAsync(Path(user), content), HttpStatusCode.UnsupportedMediaType));
    }

    [StoreFact]
    public async Task Patch_WithoutAToken_Returns401WithAnEmptyBodyAndChangesNothing()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await app.CreateClient().PatchJsonAsync(Path(user), PatchBodies.Of(PatchBodies.Add(company.RootId, RoleCatalog.Coach)));

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal(Pairs((company.RootId, RoleCatalog.Driver)), await StoredPairsAsync(company, user));
    }

    private static string Path(TestUser user) => $"/v1/users/{user.Id}/groupRoles";

    private static Task<TestUser> CreateUserWithRolesAsync(TestCompany company, params (Guid GroupId, int RoleId)[] roles) =>
        company.CreateUserAsync(roles[0].GroupId, roles[0].RoleId, customize: b =>
            b["groupRoles"] = new JsonArray(roles.Select(r => (JsonNode)UserBodies.GroupRole(r.GroupId, r.RoleId)).ToArray()));

    private static async Task<IReadOnlyList<string>> StoredPairsAsync(TestCompany company, TestUser user) =>
        Pairs((await company.GetUserAsync(user.Id))["groupRoles"]!);

    /// <summary>Group roles as sorted "groupId/roleId" strings, so order does not matter.</summary>
    private static IReadOnlyList<string> Pairs(JsonNode groupRoles) =>
        groupRoles.AsArray().Select(r => $"{r!["groupId"]!.GetValue<string>()}/{r["roleId"]!.GetValue<int>()}").Order(StringComparer.Ordinal).ToList();

    private static IReadOnlyList<string> Pairs(params (Guid GroupId, int RoleId)[] roles) =>
        roles.Select(r => $"{r.GroupId}/{r.RoleId}").Order(StringComparer.Ordinal).ToList();
}
