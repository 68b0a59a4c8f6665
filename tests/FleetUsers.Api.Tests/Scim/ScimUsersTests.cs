using System.Text;
using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using static FleetUsers.Api.Tests.Events.EventFeedReader;
using static FleetUsers.Api.Tests.Infrastructure.ScimCalls;

namespace FleetUsers.Api.Tests.Scim;

/// <summary>/scim/v2/Users through real HTTP: the request sequences Entra ID and Okta document, and what they must not do.</summary>
public sealed class ScimUsersTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task EntraSequence_CreateMatchUpdateDisableDeleteAndProvisionAgain()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var scim = await company.NewScimClientAsync(west, RoleCatalog.Driver, "Entra provisioning");
        var userName = "Test_User_" + Unique.Suffix();
        var externalId = Guid.NewGuid().ToString();

        // Entra first asks whether the user exists, then creates it.
        Assert.Equal(0, (await scim.Http.ScimFilterAsync($"userName eq \"{userName}\""))["totalResults"]!.GetValue<int>());
        var created = await scim.Http.ScimAsync(HttpMethod.Post, "/Users", EntraUser(userName, externalId, userName + "@testuser.com").ToJsonString());
        var user = await ExpectScimAsync(created, HttpStatusCode.Created);
        var id = user["id"]!.GetValue<string>();
        Assert.Equal($"http://localhost/scim/v2/Users/{id}", created.Headers.Location!.ToString());
        Assert.Equal(user["meta"]!["version"]!.GetValue<string>(), created.Headers.ETag!.ToString());
        Assert.Equal(externalId, user["externalId"]!.GetValue<string>());
        Assert.True(user["active"]!.GetValue<bool>());
        Assert.Equal("givenName", user["name"]!["givenName"]!.GetValue<string>());

        // The user got the client's group and role, and the audit trail names the SCIM client.
        var rest = await company.GetUserAsync(Guid.Parse(id));
        Assert.Equal(west.ToString(), rest["groupRoles"]![0]!["groupId"]!.GetValue<string>());
        Assert.Equal(RoleCatalog.Driver, rest["groupRoles"]![0]!["roleId"]!.GetValue<int>());
        var trail = await company.Admin.GetObjectAsync($"/v1/users/{id}/auditLogs");
        Assert.Equal("Entra provisioning", trail["data"]![0]!["actor"]!["name"]!.GetValue<string>());

        // Match by userName (any case) and by externalId.
        var byName = await scim.Http.ScimFilterAsync($"userName eq \"{userName.ToUpperInvariant()}\"");
        Assert.Equal(id, byName["Resources"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(1, (await scim.Http.ScimFilterAsync($"externalId eq \"{externalId}\""))["totalResults"]!.GetValue<int>());

        // Update single- and multi-valued attributes, as Entra sends them.
        var patched = await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{id}", Patch("""
            [{"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "updatedEmail@microsoft.com"},
             {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"}]
            """)), HttpStatusCode.OK);
        Assert.Equal("updatedEmail@microsoft.com", patched["emails"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("updatedFamilyName", patched["name"]!["familyName"]!.GetValue<string>());
        Assert.Equal(1, (await scim.Http.ScimFilterAsync("emails[type eq \"work\"].value eq \"UPDATEDEMAIL@microsoft.com\""))["totalResults"]!.GetValue<int>());

        // Disable with the string Entra sends by default: the user is inactive and still there for SCIM.
        var disabled = await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{id}",
            Patch("""[{"op": "Replace", "path": "active", "value": "False"}]""")), HttpStatusCode.OK);
        Assert.False(disabled["active"]!.GetValue<bool>());
        Assert.Equal("Inactive", (await company.GetUserAsync(Guid.Parse(id)))["status"]!.GetValue<string>());
        await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Users/{id}"), HttpStatusCode.OK);

        // Delete: 204, then 404 and no match; the directory keeps the user, deactivated.
        await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Delete, $"/Users/{id}"), HttpStatusCode.NoContent);
        await ExpectScimErrorAsync(await scim.Http.ScimGetAsync($"/Users/{id}"), HttpStatusCode.NotFound, null);
        Assert.Equal(0, (await scim.Http.ScimFilterAsync($"userName eq \"{userName}\""))["totalResults"]!.GetValue<int>());
        Assert.Equal("Inactive", (await company.GetUserAsync(Guid.Parse(id)))["status"]!.GetValue<string>());

        // A new POST of the same userName brings back the same user, with its history.
        var again = await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users",
            EntraUser(userName, externalId, userName + "@testuser.com").ToJsonString()), HttpStatusCode.Created);
        Assert.Equal(id, again["id"]!.GetValue<string>());
        Assert.True(again["active"]!.GetValue<bool>());
        Assert.True((await company.Admin.GetObjectAsync($"/v1/users/{id}/auditLogs"))["data"]!.AsArray().Count >= 5);
    }

    [StoreFact]
    public async Task OktaSequence_CreateReadReplaceAndDeactivate_OverOAuthClientCredentials()
    {
        var company = await app.NewCompanyAsync();
        var scimClient = await company.NewScimClientAsync(company.RootId, RoleCatalog.Coach, "Okta");
        var token = await HttpAssert.ReadObjectAsync(await app.CreateClient().RequestTokenAsync(scimClient.Id.ToString(), scimClient.Secret));
        var okta = app.CreateClient(token["access_token"]!.GetValue<string>());
        var userName = $"okta.{Unique.Suffix()}@example.com";

        var none = await okta.ScimFilterAsync($"userName eq \"{userName}\"");
        Assert.Equal(0, none["totalResults"]!.GetValue<int>());
        Assert.Empty(none["Resources"]!.AsArray());
        var user = await ExpectScimAsync(await okta.ScimAsync(HttpMethod.Post, "/Users", OktaUser(userName).ToJsonString()), HttpStatusCode.Created);
        var id = user["id"]!.GetValue<string>();
        Assert.Null(user["password"]);
        Assert.Equal("Test User", user["displayName"]!.GetValue<string>());

        var read = await ExpectScimAsync(await okta.ScimGetAsync($"/Users/{id}"), HttpStatusCode.OK);
        read["name"]!["givenName"] = "Another";
        read["active"] = true;
        var replaced = await ExpectScimAsync(await okta.ScimAsync(HttpMethod.Put, $"/Users/{id}", read.ToJsonString()), HttpStatusCode.OK);
        Assert.Equal("Another", replaced["name"]!["givenName"]!.GetValue<string>());

        var deactivated = await ExpectScimAsync(await okta.ScimAsync(HttpMethod.Patch, $"/Users/{id}",
            Patch("""[{"op": "replace", "value": {"active": false}}]""")), HttpStatusCode.OK);
        Assert.False(deactivated["active"]!.GetValue<bool>());
        Assert.Equal(RoleCatalog.Coach, (await company.GetUserAsync(Guid.Parse(id)))["groupRoles"]![0]!["roleId"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task BadFiltersUnknownAttributesWrongTypesAndRuleBreakingPatches_AreScimErrors_AndChangeNothing()
    {
        var (company, scim, userName, id, version) = await ProvisionedUserAsync();

        foreach (var filter in new[] { "userName eq", "userName xx \"a\"", "nickName eq \"a\"", "active gt true", "(userName eq \"a\"" })
        {
            await ExpectScimErrorAsync(await scim.Http.ScimGetAsync("/Users?filter=" + Uri.EscapeDataString(filter)), HttpStatusCode.BadRequest, "invalidFilter");
        }
        var unknown = EntraUser("n" + Unique.Suffix(), "x2", "a@example.com");
        unknown["shoeSize"] = 42;
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users", unknown.ToJsonString()), HttpStatusCode.BadRequest, "invalidPath");
        var wrongType = EntraUser("n" + Unique.Suffix(), "x3", "a@example.com");
        wrongType["active"] = "maybe";
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users", wrongType.ToJsonString()), HttpStatusCode.BadRequest, "invalidValue");
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users", "{not json"), HttpStatusCode.BadRequest, "invalidSyntax");
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users",
            EntraUser(userName, "x4", "b@example.com").ToJsonString()), HttpStatusCode.Conflict, "uniqueness");

        // A FleetUsers rule (a valid email) and the all-or-nothing PATCH: the first operation is not kept either.
        var badEmail = await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{id}", Patch("""
            [{"op": "replace", "path": "name.givenName", "value": "Changed"},
             {"op": "replace", "path": "emails[type eq \"work\"].value", "value": "not an address"}]
            """)), HttpStatusCode.BadRequest, "invalidValue");
        Assert.Contains("emails.value", badEmail["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{id}",
            Patch("""[{"op": "replace", "path": "displayName", "value": "Other"}]""")), HttpStatusCode.BadRequest, "mutability");
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{id}",
            Patch("""[{"op": "remove", "path": "userName"}]""")), HttpStatusCode.BadRequest, "invalidValue");
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{id}",
            Patch("""[{"op": "replace", "path": "name.givenName", "value": "Changed"}]"""), ifMatch: "W/\"999\""), HttpStatusCode.PreconditionFailed, null);

        var after = await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Users/{id}"), HttpStatusCode.OK);
        Assert.Equal(version, after["meta"]!["version"]!.GetValue<string>());
        Assert.Equal("givenName", after["name"]!["givenName"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task BodiesWithAKeyGivenTwice_TooLargeOrNotJson_AreScimErrors_AndChangeNothing()
    {
        var (company, scim, userName, id, version) = await ProvisionedUserAsync();
        var other = "o" + Unique.Suffix();
        var twiceAtTop = EntraUser(other, "x2", other + "@example.com").ToJsonString()[..^1] + $$""", "userName": "{{other}}2"}""";
        var twiceInName = $$"""
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{userName}}",
             "name": {"givenName": "A", "givenName": "B", "familyName": "C"}, "active": true}
            """;

        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users", twiceAtTop), HttpStatusCode.BadRequest, "invalidSyntax");
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Put, $"/Users/{id}", twiceInName), HttpStatusCode.BadRequest, "invalidSyntax");
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{id}", """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [], "Operations": []}
            """), HttpStatusCode.BadRequest, "invalidSyntax");
        var padded = EntraUser(other, "x3", other + "@example.com");
        padded["nickName"] = new string('x', 2 * 1024 * 1024);
        var tooLarge = await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users", padded.ToJsonString()),
            HttpStatusCode.RequestEntityTooLarge, null);
        // The REST error's words, not the framework exception's message.
        Assert.Equal("the body is larger than the service accepts", tooLarge["detail"]!.GetValue<string>());
        using var plain = new HttpRequestMessage(HttpMethod.Post, "/scim/v2/Users")
        {
            Content = new StringContent(EntraUser(other, "x4", other + "@example.com").ToJsonString(), Encoding.UTF8, "text/plain"),
        };
        await ExpectScimErrorAsync(await scim.Http.SendAsync(plain), HttpStatusCode.UnsupportedMediaType, null);
        var loneSurrogate = EntraUser(other, "x5", other + "@example.com").ToJsonString().Replace("\"x5\"", "\"\\ud800\"", StringComparison.Ordinal);
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users", loneSurrogate), HttpStatusCode.BadRequest, "invalidSyntax");
        var nul = EntraUser(other, "x6", other + "@example.com").ToJsonString().Replace("\"x6\"", "\"x\\u0000\"", StringComparison.Ordinal);
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users", nul), HttpStatusCode.BadRequest, "invalidSyntax");
        // Text no attribute can hold is a bad filter (PostgreSQL would refuse a NUL; UTF-8 a lone surrogate).
        foreach (var filter in new[] { "externalId eq \"\\u0000\"", "userName eq \"\\ud800\"" })
        {
            await ExpectScimErrorAsync(await scim.Http.ScimGetAsync("/Users?filter=" + Uri.EscapeDataString(filter)), HttpStatusCode.BadRequest, "invalidFilter");
        }
        // Past the last instant .NET can hold once in UTC: not a date the filter can compare with, never a 500.
        var farFuture = await scim.Http.ScimGetAsync("/Users?filter=" + Uri.EscapeDataString("meta.lastModified gt \"9999-12-31T23:59:59-14:00\""));
        Assert.True(farFuture.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)farFuture.StatusCode}");

        Assert.Equal(0, (await scim.Http.ScimFilterAsync($"userName sw \"{other}\""))["totalResults"]!.GetValue<int>());
        var after = await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Users/{id}"), HttpStatusCode.OK);
        Assert.Equal(version, after["meta"]!["version"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task APatchOfIgnoredAttributesOrOfValuesAlreadyHeld_WritesNothing()
    {
        var (company, scim, userName, id, version) = await ProvisionedUserAsync();

        var ignored = await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{id}",
            Patch("""[{"op": "replace", "path": "title", "value": "Driver"}]""")), HttpStatusCode.OK);
        var same = await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{id}",
            Patch($$"""[{"op": "replace", "path": "userName", "value": "{{userName}}"}]""")), HttpStatusCode.OK);

        Assert.Equal(version, ignored["meta"]!["version"]!.GetValue<string>());
        Assert.Equal(version, same["meta"]!["version"]!.GetValue<string>());
        var trail = await company.Admin.GetObjectAsync($"/v1/users/{id}/auditLogs");
        Assert.Single(trail["data"]!.AsArray());
    }

    [StoreFact]
    public async Task APatchOfExternalIdAlone_IsAuditedOldToNew_AndAnEvent()
    {
        var (company, scim, _, id, version) = await ProvisionedUserAsync();

        var relinked = await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{id}",
            Patch("""[{"op": "replace", "path": "externalId", "value": "x2"}]""")), HttpStatusCode.OK);

        Assert.NotEqual(version, relinked["meta"]!["version"]!.GetValue<string>());
        var trail = (await company.Admin.GetObjectAsync($"/v1/users/{id}/auditLogs"))["data"]!.AsArray();
        Assert.Equal(2, trail.Count);
        var change = Assert.Single(trail[0]!["changes"]!.AsArray());
        Assert.Equal("externalId", change!["field"]!.GetValue<string>());
        Assert.Equal("x1", change["oldValue"]!.GetValue<string>());
        Assert.Equal("x2", change["newValue"]!.GetValue<string>());
        // Created with an externalId: the first entry has it as a value set.
        Assert.Contains(trail[1]!["changes"]!.AsArray(), c => c!["field"]!.GetValue<string>() == "externalId" && c["newValue"]!.GetValue<string>() == "x1");
        var events = await AboutAsync(company.Admin, Guid.Parse(id), expected: 2);
        Assert.Equal(["externalId"], ChangedFields(events[1]));
    }

    [StoreFact]
    public async Task IfMatch_WithTheCurrentVersion_Applies()
    {
        var company = await app.NewCompanyAsync();
        var scim = await company.NewScimClientAsync(company.RootId, RoleCatalog.Driver);
        var userName = "m" + Unique.Suffix();
        var created = await scim.Http.ScimAsync(HttpMethod.Post, "/Users", EntraUser(userName, "e", userName + "@example.com").ToJsonString());
        var user = await ExpectScimAsync(created, HttpStatusCode.Created);

        var patched = await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{user["id"]}",
            Patch("""[{"op": "replace", "path": "name.givenName", "value": "Matched"}]"""), ifMatch: created.Headers.ETag!.ToString());

        Assert.Equal("Matched", (await ExpectScimAsync(patched, HttpStatusCode.OK))["name"]!["givenName"]!.GetValue<string>());
        Assert.NotEqual(created.Headers.ETag!.ToString(), patched.Headers.ETag!.ToString());
    }

    [StoreFact]
    public async Task AClient_SeesAndChangesOnlyItsSubtree_AndNoOtherCompany()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var eastUser = await company.CreateUserAsync(east);
        var westUser = await company.CreateUserAsync(west);
        var scim = await company.NewScimClientAsync(west, RoleCatalog.Driver);
        var other = await app.NewCompanyAsync();
        var otherUser = await other.CreateUserAsync(other.RootId);

        var all = await ExpectScimAsync(await scim.Http.ScimGetAsync("/Users"), HttpStatusCode.OK);
        Assert.Equal([westUser.Id.ToString()], all["Resources"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        foreach (var outside in new[] { eastUser.Id, otherUser.Id })
        {
            await ExpectScimErrorAsync(await scim.Http.ScimGetAsync($"/Users/{outside}"), HttpStatusCode.NotFound, null);
            await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Patch, $"/Users/{outside}",
                Patch("""[{"op": "replace", "path": "active", "value": false}]""")), HttpStatusCode.NotFound, null);
            await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Delete, $"/Users/{outside}"), HttpStatusCode.NotFound, null);
        }
        Assert.Equal(0, (await scim.Http.ScimFilterAsync($"userName eq \"{eastUser.Username}\""))["totalResults"]!.GetValue<int>());
        Assert.Equal("Active", (await company.GetUserAsync(eastUser.Id))["status"]!.GetValue<string>());
        // A userName held outside the client's reach cannot be taken over.
        await ExpectScimErrorAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users",
            EntraUser(eastUser.Username, "x", "e@example.com").ToJsonString()), HttpStatusCode.Conflict, "uniqueness");
    }

    [StoreFact]
    public async Task ListPaging_AttributesAndFiltersTheStoreCannotAnswer()
    {
        var company = await app.NewCompanyAsync();
        var scim = await company.NewScimClientAsync(company.RootId, RoleCatalog.Driver);
        var prefix = "p" + Unique.Suffix();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var user = await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users",
                EntraUser($"{prefix}{i}", $"ext{i}", $"{prefix}{i}@example.com").ToJsonString()), HttpStatusCode.Created);
            ids.Add(user["id"]!.GetValue<string>());
        }

        var page = await ExpectScimAsync(await scim.Http.ScimGetAsync(
            $"/Users?filter={Uri.EscapeDataString($"userName sw \"{prefix}\"")}&startIndex=2&count=1&attributes=userName"), HttpStatusCode.OK);
        Assert.Equal(3, page["totalResults"]!.GetValue<int>());
        Assert.Equal(2, page["startIndex"]!.GetValue<int>());
        var only = page["Resources"]!.AsArray().Single()!.AsObject();
        Assert.Equal(ids[1], only["id"]!.GetValue<string>());
        Assert.Equal(["id", "schemas", "userName"], only.Select(m => m.Key).Order(StringComparer.Ordinal));
        var since = await scim.Http.ScimFilterAsync($"meta.lastModified gt \"2020-01-01T00:00:00Z\" and externalId eq \"ext2\"");
        Assert.Equal([ids[2]], since["Resources"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        var excluded = await ExpectScimAsync(await scim.Http.ScimGetAsync($"/Users/{ids[0]}?excludedAttributes=emails,name"), HttpStatusCode.OK);
        Assert.Null(excluded["emails"]);
        Assert.NotNull(excluded["userName"]);
    }

    /// <summary>A new company's SCIM client and a user it provisioned, with the user's id and version.</summary>
    private async Task<(TestCompany Company, TestScimClient Scim, string UserName, string Id, string Version)> ProvisionedUserAsync()
    {
        var company = await app.NewCompanyAsync();
        var scim = await company.NewScimClientAsync(company.RootId, RoleCatalog.Driver);
        var userName = "u" + Unique.Suffix();
        var user = await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users",
            EntraUser(userName, "x1", userName + "@example.com").ToJsonString()), HttpStatusCode.Created);
        return (company, scim, userName, user["id"]!.GetValue<string>(), user["meta"]!["version"]!.GetValue<string>());
    }
}
