using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using static FleetUsers.Api.Tests.Events.EventFeedReader;
using static FleetUsers.Api.Tests.Infrastructure.ScimCalls;
using static FleetUsers.Api.Tests.Scim.ScimGroupsTests;

namespace FleetUsers.Api.Tests.Scim;

/// <summary>
/// SCIM group writes: their version (the group's revision plus a SCIM version that member and externalId
/// changes move), If-Match, concurrent writes, and the group trail and events they leave.
/// </summary>
public sealed class ScimGroupWriteTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task AMembershipChange_MovesTheScimVersion_NotTheGroupsRevision()
    {
        var (company, _, scim) = await SetUpAsync();
        var member = await ProvisionAsync(scim);
        var created = await scim.Http.ScimAsync(HttpMethod.Post, "/Groups", """{"displayName": "Night shift"}""");
        var id = (await ExpectScimAsync(created, HttpStatusCode.Created))["id"]!.GetValue<string>();
        var rest = await company.Admin.GetObjectAsync($"/v1/groups/{id}");

        var added = await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch($$"""[{"op": "add", "path": "members", "value": [{"value": "{{member}}"}]}]"""));
        await HttpAssert.ExpectEmptyAsync(added, HttpStatusCode.NoContent);

        var version = added.Headers.ETag!.ToString();
        Assert.NotEqual(created.Headers.ETag!.ToString(), version);
        var got = await scim.Http.ScimGetAsync($"/Groups/{id}");
        Assert.Equal(version, (await ExpectScimAsync(got, HttpStatusCode.OK))["meta"]!["version"]!.GetValue<string>());
        Assert.Equal(version, got.Headers.ETag!.ToString());
        // The FleetUsers group did not change: same revision and date, no group trail entry beyond its creation.
        var after = await company.Admin.GetObjectAsync($"/v1/groups/{id}");
        Assert.Equal(rest["revision"]!.GetValue<int>(), after["revision"]!.GetValue<int>());
        Assert.Equal(rest["updatedDate"]!.GetValue<string>(), after["updatedDate"]!.GetValue<string>());
        Assert.Single((await company.Admin.GetObjectAsync($"/v1/groups/auditLogs?groupIdentifier={id}"))["data"]!.AsArray());

        // The new version is the one If-Match names; an externalId change moves it again.
        var tagged = await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch("""[{"op": "add", "path": "externalId", "value": "ext-1"}]"""), ifMatch: version);
        await HttpAssert.ExpectEmptyAsync(tagged, HttpStatusCode.NoContent);
        Assert.NotEqual(version, tagged.Headers.ETag!.ToString());
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch("""[{"op": "replace", "path": "displayName", "value": "x"}]"""), ifMatch: version), HttpStatusCode.PreconditionFailed, null);
    }

    [StoreFact]
    public async Task AListsMembers_AreEachGroupsOwn()
    {
        var (company, west, scim) = await SetUpAsync();
        var first = await ProvisionAsync(scim);
        var second = await ProvisionAsync(scim);
        var day = await CreateGroupAsync(scim, "Day");
        var night = await CreateGroupAsync(scim, "Night");
        await AddMembersAsync(scim, day, first);
        await AddMembersAsync(scim, night, first, second);
        // A role other than the client's in the group does not make a member.
        await HttpAssert.ExpectAsync(await company.Admin.PatchAsync($"/v1/users/{second}/groupRoles", Json.Content(
            $$"""[{"op": "add", "path": "/roles", "value": {"groupId": "{{day}}", "roleId": {{RoleCatalog.Coach}} } }]""")), HttpStatusCode.OK);

        var list = await ExpectScimAsync(await scim.Http.ScimGetAsync("/Groups"), HttpStatusCode.OK);

        var members = list["Resources"]!.AsArray().ToDictionary(g => g!["id"]!.GetValue<string>(),
            g => g!["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).Order().ToList());
        Assert.Equal([first], members[day]);
        Assert.Equal(new[] { first, second }.Order(), members[night]);
        Assert.DoesNotContain(west.ToString(), members.Keys);
    }

    [StoreFact]
    public async Task ConcurrentPatchesWithoutIfMatch_AreNotRefused()
    {
        var (_, _, scim) = await SetUpAsync();
        var users = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            users.Add(await ProvisionAsync(scim));
        }
        var id = await CreateGroupAsync(scim, "Crowd");

        // Each PATCH reads the group and writes in turn: one that waited sees the others' members, and never answers 412.
        var answers = await Task.WhenAll(users.Select(user => scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch($$"""[{"op": "add", "path": "members", "value": [{"value": "{{user}}"}]}]"""))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        var group = await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Groups/{id}"), HttpStatusCode.OK);
        Assert.Equal(users.Order(), group["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).Order());
    }

    [StoreFact]
    public async Task APatchThatChangesNothing_WritesNothing()
    {
        var (company, _, scim) = await SetUpAsync();
        var member = await ProvisionAsync(scim);
        var created = await scim.Http.ScimAsync(HttpMethod.Post, "/Groups",
            $$"""{"displayName": "Same", "externalId": "ext-same", "members": [{"value": "{{member}}"}]}""");
        var id = (await ExpectScimAsync(created, HttpStatusCode.Created))["id"]!.GetValue<string>();
        var version = created.Headers.ETag!.ToString();
        var memberTrail = (await company.Admin.GetObjectAsync($"/v1/users/{member}/auditLogs"))["data"]!.AsArray().Count;

        var same = await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}", Patch($$"""
            [{"op": "replace", "path": "displayName", "value": "Same"},
             {"op": "replace", "path": "externalId", "value": "ext-same"},
             {"op": "add", "path": "members", "value": [{"value": "{{member}}"}]}]
            """));

        await HttpAssert.ExpectEmptyAsync(same, HttpStatusCode.NoContent);
        Assert.Equal(version, same.Headers.ETag!.ToString());
        Assert.Equal(version, (await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Groups/{id}"), HttpStatusCode.OK))["meta"]!["version"]!
            .GetValue<string>());
        Assert.Single((await company.Admin.GetObjectAsync($"/v1/groups/auditLogs?groupIdentifier={id}"))["data"]!.AsArray());
        Assert.Equal(memberTrail, (await company.Admin.GetObjectAsync($"/v1/users/{member}/auditLogs"))["data"]!.AsArray().Count);
        Assert.Single(await AboutAsync(company.Admin, Guid.Parse(id)));
    }

    [StoreFact]
    public async Task IfMatch_OnPutAndDelete_RefusesAStaleVersion_AndChangesNothing()
    {
        var (company, _, scim) = await SetUpAsync();
        var member = await ProvisionAsync(scim);
        var created = await scim.Http.ScimAsync(HttpMethod.Post, "/Groups", """{"displayName": "Versioned"}""");
        var id = (await ExpectScimAsync(created, HttpStatusCode.Created))["id"]!.GetValue<string>();
        var stale = created.Headers.ETag!.ToString();
        await AddMembersAsync(scim, id, member);

        var put = $$"""{"schemas": ["{{GroupUrn}}"], "displayName": "Replaced", "members": []}""";
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Put, $"/Groups/{id}", put, ifMatch: stale),
            HttpStatusCode.PreconditionFailed, null);
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Delete, $"/Groups/{id}", ifMatch: stale),
            HttpStatusCode.PreconditionFailed, null);
        var group = await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Groups/{id}"), HttpStatusCode.OK);
        Assert.Equal("Versioned", group["displayName"]!.GetValue<string>());
        Assert.Contains((id, RoleCatalog.Driver), await RolesAsync(company, member));

        var current = group["meta"]!["version"]!.GetValue<string>();
        var replaced = await scim.Http.ScimAsync(HttpMethod.Put, $"/Groups/{id}", put, ifMatch: current);
        Assert.Equal("Replaced", (await ExpectScimAsync(replaced, HttpStatusCode.OK))["displayName"]!.GetValue<string>());
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Delete, $"/Groups/{id}",
            ifMatch: replaced.Headers.ETag!.ToString()), HttpStatusCode.NoContent);
    }

    [StoreFact]
    public async Task CreateRenameDelete_WriteTheGroupTrailAndEvents_NamingTheScimClient()
    {
        var (company, _, scim) = await SetUpAsync("Okta push");
        var id = await CreateGroupAsync(scim, "Pushed");
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{id}",
            Patch("""[{"op": "replace", "path": "displayName", "value": "Pushed again"}]""")), HttpStatusCode.NoContent);
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Delete, $"/Groups/{id}"), HttpStatusCode.NoContent);

        var trail = (await company.Admin.GetObjectAsync($"/v1/groups/auditLogs?groupIdentifier={id}&order=asc"))["data"]!.AsArray();
        Assert.Equal(["CREATE", "UPDATE", "DELETE"], trail.Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal("Pushed again", trail[1]!["name"]!.GetValue<string>());
        Assert.All(trail, e => Assert.Equal(scim.Id.ToString(), e!["userId"]!.GetValue<string>()));

        var events = await AboutAsync(company.Admin, Guid.Parse(id), expected: 3);
        Assert.Equal(["group.created", "group.updated", "group.deleted"], events.Select(e => e["type"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal(scim.Id.ToString(), e["actor"]!["id"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal("Okta push", e["actor"]!["name"]!.GetValue<string>()));
    }

    private async Task<(TestCompany Company, Guid West, TestScimClient Scim)> SetUpAsync(string? name = null)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        return (company, west, await company.NewScimClientAsync(west, RoleCatalog.Driver, name));
    }

    private static async Task AddMembersAsync(TestScimClient scim, string groupId, params string[] users) =>
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Groups/{groupId}", Patch(
            $$"""[{"op": "add", "path": "members", "value": [{{string.Join(", ", users.Select(u => $$"""{"value": "{{u}}"}"""))}}]}]""")),
            HttpStatusCode.NoContent);
}
