using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using static FleetUsers.Api.Tests.Infrastructure.ScimCalls;

namespace FleetUsers.Api.Tests.Scim;

/// <summary>
/// /scim/v2/Groups through real HTTP: the group request sequences of Entra ID's and Okta's provisioning
/// documentation, and the membership rules (the client's role, given and taken through the REST rules).
/// </summary>
public sealed class ScimGroupsTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task EntraSequence_CreateGetMatchRenameAddRemoveMembersDelete()
    {
        var (company, west, scim) = await SetUpAsync("Entra provisioning");
        var member = await ProvisionAsync(scim);
        var externalId = Guid.NewGuid().ToString();

        // Create Group, as Entra sends it: with its own schema URN beside the core one.
        var created = await scim.Http.ScimAsync(HttpMethod.Post, "/Groups", $$"""
            {"schemas": ["{{GroupUrn}}", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/Group"],
             "externalId": "{{externalId}}", "displayName": "displayName", "meta": {"resourceType": "Group"} }
            """);
        var group = await ExpectScimAsync(created, HttpStatusCode.Created);
        var id = group["id"]!.GetValue<string>();
        Assert.Equal($"http://localhost/scim/v2/Groups/{id}", created.Headers.Location!.ToString());
        Assert.Equal([GroupUrn], group["schemas"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(externalId, group["externalId"]!.GetValue<string>());
        Assert.Equal("displayName", group["displayName"]!.GetValue<string>());
        Assert.Empty(group["members"]!.AsArray());
        Assert.Equal("Group", group["meta"]!["resourceType"]!.GetValue<string>());
        Assert.Equal(group["meta"]!["version"]!.GetValue<string>(), created.Headers.ETag!.ToString());
        // It is a FleetUsers group below the client's group.
        var rest = await company.Admin.GetObjectAsync($"/v1/groups/{id}");
        Assert.Equal(west.ToString(), rest["parentId"]!.GetValue<string>());

        // Get Group and Get Group by displayName, without members as Entra asks.
        var got = await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Groups/{id}?excludedAttributes=members"), HttpStatusCode.OK);
        Assert.Null(got["members"]);
        Assert.Equal("displayName", got["displayName"]!.GetValue<string>());
        var found = await ExpectScimAsync(await scim.Http.ScimGetAsync(
            "/Groups?excludedAttributes=members&filter=" + Uri.EscapeDataString("displayName eq \"displayName\"")), HttpStatusCode.OK);
        Assert.Equal(1, found["totalResults"]!.GetValue<int>());
        Assert.Equal(id, found["Resources"]![0]!["id"]!.GetValue<string>());
        Assert.Null(found["Resources"]![0]!["members"]);
        Assert.Equal(1, (await GroupFilterAsync(scim, $"externalId eq \"{externalId}\""))["totalResults"]!.GetValue<int>());
        Assert.Equal(0, (await GroupFilterAsync(scim, "displayName eq \"nothing\""))["totalResults"]!.GetValue<int>());

        // Update Group [Non-member attributes]: 204.
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch("""[{"op": "Replace", "path": "displayName", "value": "updatedDisplayName"}]""")), HttpStatusCode.NoContent);
        Assert.Equal("updatedDisplayName", (await company.Admin.GetObjectAsync($"/v1/groups/{id}"))["name"]!.GetValue<string>());

        // Update Group [Add Members], with Entra's "$ref": null: the member holds the client's role in the group.
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch($$"""[{"op": "Add", "path": "members", "value": [{"$ref": null, "value": "{{member}}"}]}]""")), HttpStatusCode.NoContent);
        Assert.Contains((id, RoleCatalog.Driver), await RolesAsync(company, member));
        var withMembers = await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Groups/{id}"), HttpStatusCode.OK);
        Assert.Equal(member, withMembers["members"]![0]!["value"]!.GetValue<string>());
        Assert.Equal($"http://localhost/scim/v2/Users/{member}", withMembers["members"]![0]!["$ref"]!.GetValue<string>());
        var trail = await company.Admin.GetObjectAsync($"/v1/users/{member}/auditLogs");
        Assert.Equal("Entra provisioning", trail["data"]![0]!["actor"]!["name"]!.GetValue<string>());

        // Update Group [Remove Members], Entra's default shape (the values listed): only that role goes.
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch($$"""[{"op": "Remove", "path": "members", "value": [{"$ref": null, "value": "{{member}}"}]}]""")), HttpStatusCode.NoContent);
        Assert.Equal([(west.ToString(), RoleCatalog.Driver)], await RolesAsync(company, member));

        // Delete Group: 204, then 404; the FleetUsers group is gone.
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Delete, $"/Groups/{id}"), HttpStatusCode.NoContent);
        await ExpectScimErrorAsync(await scim.Http.ScimGetAsync($"/Groups/{id}"), HttpStatusCode.NotFound, null);
        await HttpAssert.ExpectAsync(await company.Admin.GetAsync($"/v1/groups/{id}"), HttpStatusCode.NotFound);
    }

    [StoreFact]
    public async Task OktaSequence_CreateListRenameWithIdChangeMembershipDelete()
    {
        var (company, _, scim) = await SetUpAsync("Okta");
        var first = await ProvisionAsync(scim);
        var second = await ProvisionAsync(scim);

        // Create Group with members, as Okta's Group Push does.
        var group = await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Groups", $$"""
            {"schemas": ["{{GroupUrn}}"], "displayName": "Test SCIMv2",
             "members": [{"value": "{{first}}", "display": "test.user@okta.local"}]}
            """), HttpStatusCode.Created);
        var id = group["id"]!.GetValue<string>();
        Assert.Equal([first], group["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()));

        // Retrieve Groups (paged) and a specific group.
        var list = await ExpectScimAsync(await scim.Http.ScimGetAsync("/Groups?startIndex=1&count=100"), HttpStatusCode.OK);
        Assert.Equal(1, list["totalResults"]!.GetValue<int>());
        Assert.Equal(1, list["startIndex"]!.GetValue<int>());
        Assert.Equal(id, list["Resources"]![0]!["id"]!.GetValue<string>());
        var one = await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Groups/{id}"), HttpStatusCode.OK);
        Assert.Equal("Test SCIMv2", one["displayName"]!.GetValue<string>());

        // Update Group Name: a no-path replace that also sends the group's own id.
        var renamed = await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch($$"""[{"op": "replace", "value": {"id": "{{id}}", "displayName": "Test SCIMv2 Renamed"} }]"""));
        await HttpAssert.ExpectEmptyAsync(renamed, HttpStatusCode.NoContent);
        Assert.NotEqual(one["meta"]!["version"]!.GetValue<string>(), renamed.Headers.ETag!.ToString());

        // Update Group Membership: remove through a value filter and add, in one request.
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}", Patch($$"""
            [{"op": "remove", "path": "members[value eq \"{{first}}\"]"},
             {"op": "add", "path": "members", "value": [{"value": "{{second}}", "display": "test.user2@okta.local"}]}]
            """)), HttpStatusCode.NoContent);
        var after = await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Groups/{id}"), HttpStatusCode.OK);
        Assert.Equal("Test SCIMv2 Renamed", after["displayName"]!.GetValue<string>());
        Assert.Equal([second], after["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()));
        Assert.DoesNotContain((id, RoleCatalog.Driver), await RolesAsync(company, first));
        // Removing what is already gone is not an error (a provider's retry succeeds).
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch($$"""[{"op": "remove", "path": "members[value eq \"{{first}}\"]"}]""")), HttpStatusCode.NoContent);

        // PUT replaces name and members.
        var replaced = await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Put, $"/Groups/{id}", $$"""
            {"schemas": ["{{GroupUrn}}"], "id": "{{id}}", "displayName": "Test SCIMv2 Put", "members": [{"value": "{{first}}"}]}
            """), HttpStatusCode.OK);
        Assert.Equal("Test SCIMv2 Put", replaced["displayName"]!.GetValue<string>());
        Assert.Equal([first], replaced["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()));

        // Delete Group: the members lose the client's role there, and keep the rest.
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Delete, $"/Groups/{id}"), HttpStatusCode.NoContent);
        await ExpectScimErrorAsync(await scim.Http.ScimGetAsync($"/Groups/{id}"), HttpStatusCode.NotFound, null);
        Assert.Single(await RolesAsync(company, first));
    }

    [StoreFact]
    public async Task RemovingAMember_TakesOnlyTheClientsRole_NeverTheLastOne_AndChangesNothingWhenRefused()
    {
        var (company, west, scim) = await SetUpAsync();
        var id = await CreateGroupAsync(scim, "Drivers");
        // A user REST placed in the SCIM group only: the client's role there is its last role.
        var onlyHere = await company.CreateUserAsync(Guid.Parse(id), RoleCatalog.Driver);
        // A user with the client's role and another role SCIM did not give, in the same group.
        var both = await company.CreateUserAsync(west, RoleCatalog.Driver, customize: body => body["groupRoles"] = new JsonArray(
            UserBodies.GroupRole(west, RoleCatalog.Driver), UserBodies.GroupRole(Guid.Parse(id), RoleCatalog.Driver),
            UserBodies.GroupRole(Guid.Parse(id), RoleCatalog.Coach)));

        var refused = await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}", Patch($$"""
            [{"op": "replace", "path": "displayName", "value": "Renamed"},
             {"op": "remove", "path": "members[value eq \"{{both.Id}}\"]"},
             {"op": "remove", "path": "members[value eq \"{{onlyHere.Id}}\"]"}]
            """)), HttpStatusCode.BadRequest, "invalidValue");
        Assert.Contains("at least one group role", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // All or nothing: not renamed, nobody's role taken.
        Assert.Equal("Drivers", (await company.Admin.GetObjectAsync($"/v1/groups/{id}"))["name"]!.GetValue<string>());
        Assert.Contains((id, RoleCatalog.Driver), await RolesAsync(company, both.Id.ToString()));
        Assert.Contains((id, RoleCatalog.Driver), await RolesAsync(company, onlyHere.Id.ToString()));

        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch($$"""[{"op": "remove", "path": "members[value eq \"{{both.Id}}\"]"}]""")), HttpStatusCode.NoContent);
        var roles = await RolesAsync(company, both.Id.ToString());
        Assert.DoesNotContain((id, RoleCatalog.Driver), roles);
        Assert.Contains((id, RoleCatalog.Coach), roles);
        Assert.Contains((west.ToString(), RoleCatalog.Driver), roles);

        // DELETE would take the last role of onlyHere, and both still holds a role SCIM did not give: 409, nothing deleted.
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Delete, $"/Groups/{id}"), HttpStatusCode.Conflict, null);
        await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Groups/{id}"), HttpStatusCode.OK);
        Assert.Contains((id, RoleCatalog.Driver), await RolesAsync(company, onlyHere.Id.ToString()));
    }

    [StoreFact]
    public async Task AGroupWithASubgroup_IsNotDeleted()
    {
        var (company, _, scim) = await SetUpAsync();
        var id = await CreateGroupAsync(scim, "Parent");
        await company.AddGroupAsync("Child", Guid.Parse(id));
        var error = await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Delete, $"/Groups/{id}"), HttpStatusCode.Conflict, null);
        Assert.Contains("subgroup", error["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Groups/{id}"), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task GroupsOutsideTheClientsSubtree_AndItsOwnGroup_AreInvisible()
    {
        var (company, west, scim) = await SetUpAsync();
        var east = await company.AddGroupAsync("East");
        var below = await company.AddGroupAsync("Below West", west);
        var list = await ExpectScimAsync(await scim.Http.ScimGetAsync("/Groups"), HttpStatusCode.OK);
        Assert.Equal([below.ToString()], list["Resources"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()));
        foreach (var hidden in new[] { east, west, company.RootId })
        {
            await ExpectScimErrorAsync(await scim.Http.ScimGetAsync($"/Groups/{hidden}"), HttpStatusCode.NotFound, null);
            await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{hidden}",
                Patch("""[{"op": "replace", "path": "displayName", "value": "x"}]""")), HttpStatusCode.NotFound, null);
            await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Delete, $"/Groups/{hidden}"), HttpStatusCode.NotFound, null);
        }
        Assert.Equal("East", (await company.Admin.GetObjectAsync($"/v1/groups/{east}"))["name"]!.GetValue<string>());
        await ExpectScimErrorAsync(await scim.Http.ScimGetAsync("/Groups/not-an-id"), HttpStatusCode.NotFound, null);
    }

    [StoreFact]
    public async Task BadRequests_AnswerScimErrors_AndChangeNothing()
    {
        var (company, _, scim) = await SetUpAsync();
        var id = await CreateGroupAsync(scim, "Team");
        var outsider = await company.CreateUserAsync(company.RootId);

        await ExpectScimErrorAsync(await scim.Http.ScimGetAsync("/Groups?filter=" + Uri.EscapeDataString("displayName eq")),
            HttpStatusCode.BadRequest, "invalidFilter");
        await ExpectScimErrorAsync(await scim.Http.ScimGetAsync("/Groups?filter=" + Uri.EscapeDataString("title eq \"x\"")),
            HttpStatusCode.BadRequest, "invalidFilter");
        await ExpectScimErrorAsync(await scim.Http.ScimGetAsync("/Groups?filter=" + Uri.EscapeDataString($"members.value eq \"{outsider.Id}\"")),
            HttpStatusCode.BadRequest, "invalidFilter");
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Groups", "{\"displayName\": "), HttpStatusCode.BadRequest, "invalidSyntax");
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Groups", $$"""{"schemas": ["{{GroupUrn}}"]}"""),
            HttpStatusCode.BadRequest, "invalidValue");
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Groups", $$"""{"displayName": "X", "colour": "red"}"""),
            HttpStatusCode.BadRequest, "invalidPath");
        // A name a sibling has: uniqueness.
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Groups", """{"displayName": "TEAM"}"""),
            HttpStatusCode.Conflict, "uniqueness");

        // Unknown members (no such user, not an id, outside the client's reach, a group) are invalidValue; nothing is renamed.
        foreach (var member in new[] { Guid.NewGuid().ToString(), "nobody", outsider.Id.ToString() })
        {
            var error = await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}", Patch($$"""
                [{"op": "replace", "path": "displayName", "value": "Renamed"},
                 {"op": "add", "path": "members", "value": [{"value": "{{member}}"}]}]
                """)), HttpStatusCode.BadRequest, "invalidValue");
            Assert.Contains(member, error["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch($$"""[{"op": "add", "path": "members", "value": [{"value": "{{id}}", "type": "Group"}]}]""")), HttpStatusCode.BadRequest, "invalidValue");
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch("""[{"op": "replace", "path": "members[value eq", "value": []}]""")), HttpStatusCode.BadRequest, "invalidPath");
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch("""[{"op": "replace", "path": "displayName", "value": 7}]""")), HttpStatusCode.BadRequest, "invalidValue");
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch("""[{"op": "replace", "path": "displayName", "value": "x"}]"""), ifMatch: "W/\"999\""), HttpStatusCode.PreconditionFailed, null);
        var group = await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Groups/{id}"), HttpStatusCode.OK);
        Assert.Equal("Team", group["displayName"]!.GetValue<string>());
        Assert.Null(group["members"]); // no members: unassigned, so left out (RFC 7643 §2.5)
        Assert.Single(await RolesAsync(company, outsider.Id.ToString()));
    }

    [StoreFact]
    public async Task AUsersGroups_AreTheScimGroupsItIsAMemberOf_ReadOnlyAndFilterable()
    {
        var (company, west, scim) = await SetUpAsync();
        var member = await ProvisionAsync(scim);
        var other = await ProvisionAsync(scim);
        var id = await CreateGroupAsync(scim, "Night shift");
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch($$"""[{"op": "add", "path": "members", "value": [{"value": "{{member}}"}]}]""")), HttpStatusCode.NoContent);
        // other holds a role SCIM did not give in the group: not a member, so not one of its groups.
        await HttpAssert.ExpectAsync(await company.Admin.PatchAsync($"/v1/users/{other}/groupRoles", Json.Content(
            $$"""[{"op": "add", "path": "/roles", "value": {"groupId": "{{id}}", "roleId": {{RoleCatalog.Coach}} } }]""")), HttpStatusCode.OK);

        var user = await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Users/{member}"), HttpStatusCode.OK);
        var groups = user["groups"]!.AsArray();
        Assert.Single(groups); // the client's own group (West) is where its users start, not a SCIM group
        Assert.Equal(id, groups[0]!["value"]!.GetValue<string>());
        Assert.Equal($"http://localhost/scim/v2/Groups/{id}", groups[0]!["$ref"]!.GetValue<string>());
        Assert.Equal("Night shift", groups[0]!["display"]!.GetValue<string>());
        Assert.Null((await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Users/{other}"), HttpStatusCode.OK))["groups"]);

        var members = await scim.Http.ScimFilterAsync($"groups.value eq \"{id.ToUpperInvariant()}\"");
        Assert.Equal([member], members["Resources"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()));
        Assert.Equal(0, (await scim.Http.ScimFilterAsync($"groups.value eq \"{west}\""))["totalResults"]!.GetValue<int>());
        Assert.Equal(0, (await scim.Http.ScimFilterAsync("groups.value eq \"x\""))["totalResults"]!.GetValue<int>());
        var both = await scim.Http.ScimFilterAsync($"groups.value eq \"{id}\" and active eq true");
        Assert.Equal([member], both["Resources"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()));

        // Read-only: a PATCH that would change it is mutability, and nothing changes.
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{other}",
            Patch($$"""[{"op": "add", "path": "groups", "value": [{"value": "{{id}}"}]}]""")), HttpStatusCode.BadRequest, "mutability");
        Assert.Equal(1, (await scim.Http.ScimFilterAsync($"groups.value eq \"{id}\""))["totalResults"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task ARefusedCreate_LeavesNoTraceOfItsGroup_EvenInTheTreeCache()
    {
        var (company, west, scim) = await SetUpAsync();
        var outsider = await company.CreateUserAsync(company.RootId);
        // The create inserts the group, reads the tree again to add the member, and is then refused and rolled back.
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Groups",
            $$"""{"displayName": "Ghost", "members": [{"value": "{{outsider.Id}}"}]}"""), HttpStatusCode.BadRequest, "invalidValue");
        // The next change of the tree takes the version the refused one had used.
        var real = await company.AddGroupAsync("Real", west);
        var list = await ExpectScimAsync(await scim.Http.ScimGetAsync("/Groups"), HttpStatusCode.OK);
        Assert.Equal([real.ToString()], list["Resources"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()));
    }

    private async Task<(TestCompany Company, Guid West, TestScimClient Scim)> SetUpAsync(string? name = null)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        return (company, west, await company.NewScimClientAsync(west, RoleCatalog.Driver, name));
    }

    /// <summary>A user the SCIM client provisioned (Driver in the client's group); its id.</summary>
    internal static async Task<string> ProvisionAsync(TestScimClient scim)
    {
        var userName = "u" + Unique.Suffix();
        var user = await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users",
            EntraUser(userName, "x" + userName, userName + "@example.com").ToJsonString()), HttpStatusCode.Created);
        return user["id"]!.GetValue<string>();
    }

    internal static async Task<string> CreateGroupAsync(TestScimClient scim, string name) =>
        (await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Groups", $$"""{"displayName": "{{name}}"}"""),
            HttpStatusCode.Created))["id"]!.GetValue<string>();

    private static async Task<JsonObject> GroupFilterAsync(TestScimClient scim, string filter) =>
        await ExpectScimAsync(await scim.Http.ScimGetAsync("/Groups?filter=" + Uri.EscapeDataString(filter)), HttpStatusCode.OK);

    internal static async Task<List<(string GroupId, int RoleId)>> RolesAsync(TestCompany company, string userId) =>
        (await company.GetUserAsync(Guid.Parse(userId)))["groupRoles"]!.AsArray()
            .Select(r => (r!["groupId"]!.GetValue<string>(), r["roleId"]!.GetValue<int>())).ToList();
}
