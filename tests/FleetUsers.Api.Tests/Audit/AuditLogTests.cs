using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Audit;

/// <summary>What every change writes into the audit trail, and GET /v1/users/{userId}/auditLogs that serves it.</summary>
public sealed class AuditLogTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Post_WritesOneCreateEntry_NamingTheCallerAndEveryFieldSet()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, customize: b => b["email"] = "new@example.com");

        var log = await company.Admin.GetObjectAsync(AuditPath(user.Id));

        var entry = Assert.Single(log["data"]!.AsArray())!.AsObject();
        Assert.Equal(["id", "userId", "occurredAt", "action", "actor", "changes"], entry.Select(p => p.Key));
        Assert.Equal("create", entry["action"]!.GetValue<string>());
        Assert.Equal(user.Id.ToString(), entry["userId"]!.GetValue<string>());
        AssertActor(entry, company.AdminId, company.AdminUsername);
        var changes = Changes(entry);
        Assert.Equal((null, "Test"), changes["firstName"]);
        Assert.Equal((null, user.Username), changes["username"]);
        Assert.Equal((null, "new@example.com"), changes["email"]);
        Assert.Equal((null, "Active"), changes["status"]);
        Assert.Equal((null, "false"), changes["loginEnabled"]);
        Assert.Equal((null, $$"""[{"groupId":"{{company.RootId}}","roleId":3}]"""), changes["groupRoles"]);
        Assert.DoesNotContain("employeeId", changes.Keys); // not set: not a change
        Assert.DoesNotContain("password", changes.Keys);
    }

    [StoreFact]
    public async Task Put_WritesAnUpdateEntry_WithTheOldAndNewValueOfEachChangedFieldOnly()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["username"] = user.Username;
        body["firstName"] = "Test";
        body["lastName"] = (string?)user.Body["lastName"];
        body["cellPhoneCountry"] = null;
        body["cellPhoneNumber"] = null;
        body["email"] = null;
        body["employeeId"] = null;
        body["primaryGroupId"] = null;
        body["groupRoles"] = new JsonArray(UserBodies.GroupRole(west, RoleCatalog.Driver));
        body["status"] = "inactive";

        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);

        var entry = (await EntriesAsync(company.Admin, user.Id))[0]!.AsObject();
        Assert.Equal("update", entry["action"]!.GetValue<string>());
        AssertActor(entry, company.AdminId, company.AdminUsername);
        var changes = Changes(entry);
        Assert.Equal(["status", "groupRoles"], changes.Keys);
        Assert.Equal(("Active", "Inactive"), changes["status"]);
        Assert.Equal(($$"""[{"groupId":"{{company.RootId}}","roleId":4}]""", $$"""[{"groupId":"{{west}}","roleId":4}]"""), changes["groupRoles"]);
    }

    [StoreFact]
    public async Task Put_ThatChangesThePassword_RecordsOnlyThatItChanged()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        const string newPassword = "Brand-New-Pass-9";
        var body = UserBodies.Update(company.RootId);
        body["username"] = user.Username;
        body["password"] = newPassword;

        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);

        var response = await company.Admin.GetAsync(AuditPath(user.Id));
        var text = await response.Content.ReadAsStringAsync();
        var entries = (await HttpAssert.ReadObjectAsync(response))["data"]!.AsArray();
        Assert.Equal((null, "changed"), Changes(entries[0]!.AsObject())["password"]);
        Assert.Equal((null, "changed"), Changes(entries[1]!.AsObject())["password"]); // the create set one too
        var hash = (await StoreReads.FindUserAsync(app, company.CompanyId, user.Id))!.PasswordHash!;
        Assert.DoesNotContain(newPassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCompany.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, text, StringComparison.Ordinal);
        Assert.DoesNotContain(hash[..12], text, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Patch_WritesAGroupRolesEntry_NamingTheScopedAdministratorWhoMadeIt()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var (westAdmin, westClient) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var user = await company.CreateUserAsync(west);

        var response = await westClient.PatchJsonAsync($"/v1/users/{user.Id}/groupRoles", PatchBodies.Of(
            PatchBodies.Add(west, RoleCatalog.VideoReviewer), PatchBodies.Remove(west, RoleCatalog.Driver)));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var entry = (await EntriesAsync(westClient, user.Id))[0]!.AsObject();
        Assert.Equal("patchGroupRoles", entry["action"]!.GetValue<string>());
        AssertActor(entry, westAdmin.Id, westAdmin.Username);
        var change = Assert.Single(Changes(entry));
        Assert.Equal("groupRoles", change.Key);
        Assert.Equal(($$"""[{"groupId":"{{west}}","roleId":4}]""", $$"""[{"groupId":"{{west}}","roleId":5}]"""), change.Value);
    }

    [StoreFact]
    public async Task ChangesByAnApiClient_NameTheClient()
    {
        var company = await app.NewCompanyAsync();
        var (clientId, integration) = await company.NewApiClientCallerAsync(company.RootId, RoleCatalog.Administrator);
        var created = await integration.PostAsync("/v1/users", Json.Content(UserBodies.Create(company.RootId)));
        await HttpAssert.ExpectAsync(created, HttpStatusCode.Created);
        var userId = Guid.Parse((await HttpAssert.ReadObjectAsync(created))["userId"]!.GetValue<string>());
        await HttpAssert.ExpectAsync(await integration.PutJsonAsync($"/v1/users/{userId}", UserBodies.Update(company.RootId)), HttpStatusCode.OK);

        var entries = await EntriesAsync(company.Admin, userId);

        Assert.Equal(2, entries.Count);
        Assert.All(entries, e =>
        {
            var actor = e!["actor"]!;
            Assert.Equal("client", actor["type"]!.GetValue<string>());
            Assert.Equal(clientId.ToString(), actor["id"]!.GetValue<string>());
            Assert.StartsWith("Integration ", actor["name"]!.GetValue<string>(), StringComparison.Ordinal);
        });
    }

    [StoreFact]
    public async Task Entries_AreServedNewestFirst_InTheListEnvelope_AndPaged()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        foreach (var name in new[] { "First", "Second", "Third" })
        {
            var body = UserBodies.Update(company.RootId);
            body["firstName"] = name;
            await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);
        }

        var all = await company.Admin.GetObjectAsync(AuditPath(user.Id));
        var page = await company.Admin.GetObjectAsync(AuditPath(user.Id) + "?limit=2&offset=1");

        Assert.Equal(["data", "metadata"], all.Select(p => p.Key));
        Assert.Equal("""{"count":4,"limit":100,"offset":0}""", all["metadata"]!.ToJsonString());
        Assert.Equal(["update", "update", "update", "create"], all["data"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal(["Third", "Second", "First"], all["data"]!.AsArray().Take(3).Select(e => Changes(e!.AsObject())["firstName"].New));
        Assert.Equal("""{"count":4,"limit":2,"offset":1}""", page["metadata"]!.ToJsonString());
        Assert.Equal(all["data"]!.AsArray().Skip(1).Take(2).Select(e => e!.ToJsonString()), page["data"]!.AsArray().Select(e => e!.ToJsonString()));
    }

    [StoreFact]
    public async Task Entry_IsDatedWhenTheUserWasUpdated()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", UserBodies.Update(company.RootId));
        var updated = (await HttpAssert.ReadObjectAsync(response))["updatedDate"]!.GetValue<string>();

        var entry = (await EntriesAsync(company.Admin, user.Id))[0]!;

        Assert.Equal(updated, entry["occurredAt"]!.GetValue<string>());
    }

    public static TheoryData<string, HttpStatusCode> Refusals() => new()
    {
        { "invalidPut", HttpStatusCode.BadRequest },
        { "forbiddenPut", HttpStatusCode.Forbidden },
        { "stalePut", HttpStatusCode.PreconditionFailed },
        { "conflictingPut", HttpStatusCode.Conflict },
        { "invalidPatch", HttpStatusCode.BadRequest },
        { "forbiddenPatch", HttpStatusCode.Forbidden },
        { "emptyPatch", HttpStatusCode.BadRequest },
    };

    [StoreTheory]
    [MemberData(nameof(Refusals))]
    public async Task ARefusedChange_WritesNoEntry(string refusal, HttpStatusCode status)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var other = await company.CreateUserAsync(west);
        var user = await company.CreateUserAsync(west);
        var before = await EntriesAsync(company.Admin, user.Id);
        var path = $"/v1/users/{user.Id}";
        var body = UserBodies.Update(west);

        var response = refusal switch
        {
            "invalidPut" => await company.Admin.PutJsonAsync(path, With(body, "email", "broken")),
            "forbiddenPut" => await westAdmin.PutJsonAsync(path, UserBodies.Update(east)),
            "stalePut" => await company.Admin.PutJsonAsync(path, body, ifMatch: "\"99\""),
            "conflictingPut" => await company.Admin.PutJsonAsync(path, With(body, "username", other.Username)),
            "invalidPatch" => await company.Admin.PatchJsonAsync(path + "/groupRoles", PatchBodies.Of(PatchBodies.Remove(east, 4))),
            "forbiddenPatch" => await westAdmin.PatchJsonAsync(path + "/groupRoles", PatchBodies.Of(PatchBodies.Add(east, 4))),
            _ => await company.Admin.PatchJsonAsync(path + "/groupRoles", new JsonArray()),
        };

        await HttpAssert.ExpectAsync(response, status);
        Assert.Equal(before.ToJsonString(), (await EntriesAsync(company.Admin, user.Id)).ToJsonString());
    }

    [StoreFact]
    public async Task ARefusedCreate_WritesNoEntryForAnyone()
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["email"] = "broken";
        var before = await StoreReads.AuditCountAsync(app, company.CompanyId);

        await HttpAssert.ExpectAsync(await company.Admin.PostJsonAsync("/v1/users", body), HttpStatusCode.BadRequest);

        Assert.Equal(before, await StoreReads.AuditCountAsync(app, company.CompanyId));
    }

    [StoreFact]
    public async Task AnUpdateThatFailsAfterItsEntryWasWritten_LeavesNeitherTheEntryNorAnyChange()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var userBefore = await company.GetUserAsync(user.Id);
        var entriesBefore = await EntriesAsync(company.Admin, user.Id);
        var marker = "Boom" + Unique.Letters();
        var body = With(UserBodies.Update(company.RootId), "lastName", marker);

        await using (await StoreSql.FailWritesAsync(app, "users", "UPDATE", "last_name", marker))
        {
            await HttpAssert.ExpectInternalErrorAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body));
        }

        Assert.Equal(entriesBefore.ToJsonString(), (await EntriesAsync(company.Admin, user.Id)).ToJsonString());
        Assert.Equal(userBefore.ToJsonString(), (await company.GetUserAsync(user.Id)).ToJsonString());
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);
        Assert.Equal(entriesBefore.Count + 1, (await EntriesAsync(company.Admin, user.Id)).Count);
    }

    [StoreFact]
    public async Task ACreateThatFailsAfterItsEntryWasWritten_LeavesNoEntry()
    {
        var company = await app.NewCompanyAsync();
        var marker = "Boom" + Unique.Letters();
        var body = With(UserBodies.Create(company.RootId), "lastName", marker);
        var before = await StoreReads.AuditCountAsync(app, company.CompanyId);

        await using (await StoreSql.FailWritesAsync(app, "users", "INSERT", "last_name", marker))
        {
            await HttpAssert.ExpectInternalErrorAsync(await company.Admin.PostJsonAsync("/v1/users", body));
        }

        Assert.Equal(before, await StoreReads.AuditCountAsync(app, company.CompanyId));
    }

    [StoreFact]
    public async Task AChangeWhoseEntryCannotBeWritten_DoesNotHappen()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var userBefore = await company.GetUserAsync(user.Id);
        var marker = "Boom" + Unique.Letters();

        await using (await StoreSql.FailWritesAsync(app, "audit_log", "INSERT", "changes", marker))
        {
            var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", With(UserBodies.Update(company.RootId), "lastName", marker));
            await HttpAssert.ExpectInternalErrorAsync(response);
        }

        Assert.Equal(userBefore.ToJsonString(), (await company.GetUserAsync(user.Id)).ToJsonString());
    }

    [StoreTheory]
    [InlineData("UPDATE audit_log SET actor_name = 'someone else'")]
    [InlineData("DELETE FROM audit_log")]
    public async Task TheTrail_CannotBeRewrittenOrErased_EvenWithSql(string statement)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var before = await EntriesAsync(company.Admin, user.Id);
        var id = StoreSql.IsPostgres(app) ? user.Id.ToString() : user.Id.ToString().ToUpperInvariant();

        var refusal = await StoreSql.RefusedAsync(app, $"{statement} WHERE user_id = '{id}'");

        Assert.Contains("append-only", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before.ToJsonString(), (await EntriesAsync(company.Admin, user.Id)).ToJsonString());
    }

    [StoreFact]
    public async Task AuditLogs_ByACoachWhoMayReadTheUser_Returns200()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var (_, coach) = await company.NewCallerAsync((west, RoleCatalog.Coach));
        var user = await company.CreateUserAsync(west);

        Assert.Single((await coach.GetObjectAsync(AuditPath(user.Id)))["data"]!.AsArray());
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Administrator)]
    [InlineData(RoleCatalog.Coach)]
    public async Task AuditLogs_OfAUserOutsideTheCallersReach_Returns403WithAnEmptyBody(int callerRole)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, caller) = await company.NewCallerAsync((west, callerRole));
        var user = await company.CreateUserAsync(east);

        await HttpAssert.ExpectEmptyAsync(await caller.GetAsync(AuditPath(user.Id)), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task AuditLogs_ByACallerWhoseRoleGrantsNoReading_Returns403()
    {
        var company = await app.NewCompanyAsync();
        var (_, driver) = await company.NewCallerAsync((company.RootId, RoleCatalog.Driver));
        var user = await company.CreateUserAsync(company.RootId);

        await HttpAssert.ExpectEmptyAsync(await driver.GetAsync(AuditPath(user.Id)), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task AuditLogs_OfAUserOfAnotherCompanyOrNone_Returns404()
    {
        var company = await app.NewCompanyAsync();
        var other = await app.NewCompanyAsync();
        var stranger = await other.CreateUserAsync(other.RootId);

        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync(AuditPath(stranger.Id)), HttpStatusCode.NotFound);
        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync(AuditPath(Guid.NewGuid())), HttpStatusCode.NotFound);
    }

    [StoreFact]
    public async Task AuditLogs_WithoutAToken_Returns401WithAnEmptyBody()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        await HttpAssert.ExpectEmptyAsync(await app.CreateClient().GetAsync(AuditPath(user.Id)), HttpStatusCode.Unauthorized);
    }

    [StoreTheory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?offset=99999999999", "offset")]
    [InlineData("?limit=1&limit=2", "limit")]
    [InlineData("?since=yesterday", "since")]
    public async Task AuditLogs_WithABadQuery_Returns400NamingIt(string query, string parameter)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync(AuditPath(user.Id) + query), parameter);
    }

    [StoreFact]
    public async Task AuditLogs_OfAUserIdThatIsNotAUuid_Returns400NamingIt()
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync("/v1/users/j.smith/auditLogs"), "userId");
    }

    private static string AuditPath(Guid userId) => $"/v1/users/{userId}/auditLogs";

    private static async Task<JsonArray> EntriesAsync(HttpClient client, Guid userId) =>
        (await client.GetObjectAsync(AuditPath(userId)))["data"]!.AsArray();

    private static JsonObject With(JsonObject body, string key, string value)
    {
        body[key] = value;
        return body;
    }

    private static void AssertActor(JsonObject entry, Guid id, string name) =>
        Assert.Equal(new JsonObject { ["type"] = "user", ["id"] = id.ToString(), ["name"] = name }.ToJsonString(), entry["actor"]!.ToJsonString());

    /// <summary>The entry's changes by field: old and new value as JSON text (strings unquoted), in the entry's order.</summary>
    private static Dictionary<string, (string? Old, string? New)> Changes(JsonObject entry) =>
        entry["changes"]!.AsArray().ToDictionary(
            c => c!["field"]!.GetValue<string>(),
            c => (Text(c!["oldValue"]), Text(c!["newValue"])));

    private static string? Text(JsonNode? value) =>
        value is null ? null : value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
}
