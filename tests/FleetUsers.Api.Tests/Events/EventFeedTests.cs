using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Clients;
using FleetUsers.Application.Ports;
using FleetUsers.Domain.Roles;
using Microsoft.Extensions.DependencyInjection;
using static FleetUsers.Api.Tests.Events.EventFeedReader;

namespace FleetUsers.Api.Tests.Events;

/// <summary>The events every change writes (the outbox), as GET /v1/events serves them.</summary>
public sealed class EventFeedTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task UserChanges_EachWriteOneEvent_InOrder_WithTheUserAsItIsAfter()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        await PutAsync(company, user.Id, b => b["firstName"] = "Renamed");
        await PutAsync(company, user.Id, b => b["status"] = "Inactive");
        await PutAsync(company, user.Id, b => b["status"] = "Active");
        await HttpAssert.ExpectAsync(await company.Admin.PatchJsonAsync($"/v1/users/{user.Id}/groupRoles",
            PatchBodies.Of(PatchBodies.Add(west, RoleCatalog.Coach))), HttpStatusCode.OK);

        var events = await AboutAsync(company.Admin, user.Id, expected: 5);

        Assert.Equal(["user.created", "user.updated", "user.deactivated", "user.reactivated", "user.groupRoles.changed"], events.Select(Type));
        var created = events[0];
        Assert.Equal(["id", "type", "occurredAt", "companyId", "subject", "actor", "data"], created.Select(p => p.Key));
        Assert.Equal(company.CompanyId.ToString(), created["companyId"]!.GetValue<string>());
        Assert.Equal("user", created["subject"]!["kind"]!.GetValue<string>());
        Assert.Equal(["kind", "id", "name"], created["actor"]!.AsObject().Select(p => p.Key));
        Assert.Equal(company.AdminId.ToString(), created["actor"]!["id"]!.GetValue<string>());
        Assert.Equal(["firstName"], ChangedFields(events[1]));
        Assert.Equal("Renamed", events[1]["data"]!["user"]!["firstName"]!.GetValue<string>());
        Assert.Equal("Inactive", events[2]["data"]!["user"]!["status"]!.GetValue<string>());
        Assert.Equal(["groupRoles"], ChangedFields(events[4]));
        Assert.Equal(2, events[4]["data"]!["user"]!["groupRoles"]!.AsArray().Count);
        var ids = events.Select(e => e["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids); // sortable: UUIDv7 of the change's time
    }

    [StoreFact]
    public async Task APutThatChangesNoField_LeavesNoEvent()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        await PutAsync(company, user.Id, _ => { });
        await PutAsync(company, user.Id, b => b["firstName"] = "Renamed");

        var events = await AboutAsync(company.Admin, user.Id, expected: 2);

        Assert.Equal(["user.created", "user.updated"], events.Select(Type));
        Assert.Equal(["firstName"], ChangedFields(events[1]));
    }

    [StoreFact]
    public async Task Events_NeverCarryThePasswordOrItsHash()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        await PutAsync(company, user.Id, b => b["password"] = "Brand-New-Pass-9");

        await AboutAsync(company.Admin, user.Id, expected: 2);
        var response = await company.Admin.GetAsync(Path(null, 1000));
        var text = await response.Content.ReadAsStringAsync();

        var hash = (await StoreReads.FindUserAsync(app, company.CompanyId, user.Id))!.PasswordHash!;
        Assert.Contains(user.Id.ToString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCompany.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Brand-New-Pass-9", text, StringComparison.Ordinal);
        Assert.DoesNotContain(hash[..12], text, StringComparison.Ordinal);
        Assert.Equal(["password"], ChangedFields((await AboutAsync(company.Admin, user.Id, expected: 2))[1]));
    }

    [StoreFact]
    public async Task GroupChanges_WriteCreatedUpdatedMovedDeleted()
    {
        var company = await app.NewCompanyAsync();
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        var north = await company.Admin.CreateGroupAsync("North", company.RootId);
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{north}",
            GroupBodies.Update("North Renamed", company.RootId)), HttpStatusCode.OK);
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{north}",
            GroupBodies.Update("North Renamed", east)), HttpStatusCode.OK);
        await HttpAssert.ExpectAsync(await company.Admin.DeleteAsync($"/v1/groups/{north}"), HttpStatusCode.NoContent);

        var events = await AboutAsync(company.Admin, north, expected: 4);

        Assert.Equal(["group.created", "group.updated", "group.moved", "group.deleted"], events.Select(Type));
        Assert.Equal("North Renamed", events[1]["data"]!["group"]!["name"]!.GetValue<string>());
        Assert.Equal(east.ToString(), events[2]["data"]!["group"]!["parentId"]!.GetValue<string>());
        Assert.NotNull(events[3]["data"]!["group"]!["deletedDate"]);
    }

    [StoreFact]
    public async Task RefusedChanges_WriteNoEvent()
    {
        var company = await app.NewCompanyAsync();
        var taken = await company.CreateUserAsync(company.RootId);
        var user = await company.CreateUserAsync(company.RootId);
        var stale = (await company.Admin.GetAsync($"/v1/users/{user.Id}")).Headers.ETag!.ToString();
        await PutAsync(company, user.Id, b => b["firstName"] = "Current");

        var invalid = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", UpdateBody(user.Body, b => b["firstName"] = ""));
        await HttpAssert.ExpectAsync(invalid, HttpStatusCode.BadRequest);
        var conflict = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", UpdateBody(user.Body, b => b["username"] = taken.Username));
        await HttpAssert.ExpectAsync(conflict, HttpStatusCode.Conflict);
        var late = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", UpdateBody(user.Body, b => b["firstName"] = "Late"), stale);
        await HttpAssert.ExpectAsync(late, HttpStatusCode.PreconditionFailed);
        var marker = await company.CreateUserAsync(company.RootId); // its event comes after any the refused changes could have left

        var events = await ReadUntilAsync(company.Admin, e => About(e, marker.Id).Count == 1);
        Assert.Equal(["user.created", "user.updated"], About(events, user.Id).Select(Type));
        Assert.Single(About(events, taken.Id));
    }

    [StoreFact]
    public async Task AChangeRolledBackAfterItsRecordWasWritten_LeavesNoEvent()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var database = app.Services.GetRequiredService<IDatabase>();
        var recorder = app.Services.GetRequiredService<ChangeRecorder>();

        await using (var session = await database.BeginAsync(write: true, CancellationToken.None))
        {
            var account = (await session.Users.FindAsync(company.CompanyId, user.Id, forUpdate: true, CancellationToken.None))!;
            var before = account.Profile;
            account.Profile = before with { FirstName = "Never" };
            await recorder.UserChangedAsync(session, ChangeRecorder.Operator, "update", before, account, passwordChanged: false,
                CancellationToken.None);
            // Disposed without commit: the change failed after its record was written.
        }

        var marker = await company.CreateUserAsync(company.RootId);
        var events = await ReadUntilAsync(company.Admin, e => About(e, marker.Id).Count == 1);
        Assert.Equal(["user.created"], About(events, user.Id).Select(Type));
    }

    [StoreFact]
    public async Task Pages_FollowedByNext_GiveEveryEventOnce_AndTypesFilter()
    {
        var company = await app.NewCompanyAsync();
        for (var i = 0; i < 5; i++)
        {
            var user = await company.CreateUserAsync(company.RootId);
            await PutAsync(company, user.Id, b => b["firstName"] = "Changed");
        }
        var all = await ReadUntilAsync(company.Admin, e => e.Count(x => Type(x).StartsWith("user.", StringComparison.Ordinal)) >= 10);

        var (paged, next) = await ReadAllAsync(company.Admin, limit: 3);
        var updates = (await ReadAllAsync(company.Admin, limit: 2, types: "user.updated")).Events;

        Assert.Equal(all.Select(e => e["id"]!.ToString()), paged.Select(e => e["id"]!.ToString()));
        Assert.Equal(10, all.Count(e => Type(e).StartsWith("user.", StringComparison.Ordinal)));
        Assert.Equal(all[^1]["id"]!.GetValue<string>(), next);
        Assert.Equal(5, updates.Count);
        Assert.All(updates, e => Assert.Equal("user.updated", Type(e)));
        // Resuming at the end gives nothing new, and the same cursor back.
        var end = await company.Admin.GetObjectAsync(Path(next, 10));
        Assert.Empty(end["data"]!.AsArray());
        Assert.Equal(next, end["metadata"]!["next"]!.GetValue<string>());
        Assert.Equal(10, end["metadata"]!["limit"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task Feed_IsForAdministratorsAtTheRoot_UsersAndClients_AndNeverShowsAnotherCompany()
    {
        var company = await app.NewCompanyAsync();
        var other = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var user = await company.CreateUserAsync(company.RootId);
        var (_, coach) = await company.NewCallerAsync((company.RootId, RoleCatalog.Coach));
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var (_, client) = await company.NewApiClientCallerAsync(company.RootId, RoleCatalog.Administrator);
        var (_, westClient) = await company.NewApiClientCallerAsync(west, RoleCatalog.Administrator);

        await HttpAssert.ExpectEmptyAsync(await coach.GetAsync("/v1/events"), HttpStatusCode.Forbidden);
        await HttpAssert.ExpectEmptyAsync(await westAdmin.GetAsync("/v1/events"), HttpStatusCode.Forbidden);
        await HttpAssert.ExpectEmptyAsync(await westClient.GetAsync("/v1/events"), HttpStatusCode.Forbidden);
        var anonymous = await app.CreateClient().GetAsync("/v1/events");
        await HttpAssert.ExpectEmptyAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Single(await AboutAsync(client, user.Id));
        var marker = await other.CreateUserAsync(other.RootId);
        var theirs = await ReadUntilAsync(other.Admin, e => About(e, marker.Id).Count == 1);
        Assert.DoesNotContain(theirs, e => e["companyId"]!.GetValue<string>() != other.CompanyId.ToString());
        Assert.DoesNotContain(theirs, e => SubjectId(e) == user.Id.ToString());
        // Their cursor means nothing here: answered exactly as a cursor that never existed.
        var mine = await AboutAsync(company.Admin, user.Id);
        var foreign = await HttpAssert.ExpectBadRequestNamingAsync(await other.Admin.GetAsync(Path(mine[^1]["id"]!.GetValue<string>(), 10)), "after");
        var unknown = await HttpAssert.ExpectBadRequestNamingAsync(await other.Admin.GetAsync(Path(Guid.CreateVersion7().ToString(), 10)), "after");
        Assert.Equal(unknown, foreign);
    }

    [StoreTheory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("types=user.nothing", "types")]
    [InlineData("types=", "types")]
    [InlineData("after=nope", "after")]
    [InlineData("after=0193a1c2-0000-7000-8000-000000000000", "after")]
    [InlineData("sort=asc", "sort")]
    public async Task BadQuery_Returns400NamingIt(string query, string field)
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync("/v1/events?" + query), field);
    }

    [StoreFact]
    public async Task RevokingAClient_WritesClientRevoked_WithoutItsSecret()
    {
        var company = await app.NewCompanyAsync();
        var (clientId, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);

        Assert.True(await app.Services.GetRequiredService<ApiClientService>().RevokeAsync(clientId, CancellationToken.None));

        var revoked = Assert.Single(await AboutAsync(company.Admin, clientId));
        Assert.Equal("client.revoked", Type(revoked));
        Assert.Equal("operator", revoked["actor"]!["kind"]!.GetValue<string>());
        Assert.NotNull(revoked["data"]!["client"]!["revokedDate"]);
        Assert.DoesNotContain(secret, revoked.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task PutAsync(TestCompany company, Guid userId, Action<JsonObject> change)
    {
        var current = await company.GetUserAsync(userId);
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{userId}", UpdateBody(current, change)), HttpStatusCode.OK);
    }

    /// <summary>A PUT body that keeps the user as <paramref name="current"/> shows it, but for <paramref name="change"/>.</summary>
    private static JsonObject UpdateBody(JsonObject current, Action<JsonObject> change)
    {
        string[] keys = ["allowVideoSearchDownload", "cellPhoneCountry", "cellPhoneNumber", "email", "employeeId", "firstName", "lastName",
            "loginEnabled", "status", "username"];
        var body = new JsonObject();
        foreach (var key in keys)
        {
            body[key] = current[key]?.DeepClone();
        }
        body["primaryGroupId"] = null;
        body["groupRoles"] = new JsonArray(current["groupRoles"]!.AsArray()
            .Select(r => (JsonNode)UserBodies.GroupRole(Guid.Parse(r!["groupId"]!.GetValue<string>()), r["roleId"]!.GetValue<int>())).ToArray());
        change(body);
        return body;
    }
}
