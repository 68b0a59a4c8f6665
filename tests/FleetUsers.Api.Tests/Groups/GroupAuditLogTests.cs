using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FleetUsers.Api.Tests.Infrastructure.GroupBodies;

namespace FleetUsers.Api.Tests.Groups;

/// <summary>
/// GET /v1/groups/auditLogs: every change of a group, written with the change, in the vendor's
/// AuditLog shape; only groups the caller can reach, the actor's details only where the caller
/// may read that user, a window of at most 7 days.
/// </summary>
public sealed class GroupAuditLogTests(FleetUsersApp app)
{
    private static readonly string[] EntryKeys =
    [
        "id", "action", "name", "description", "parentId", "rootGroupId", "fullPath", "fullPathId", "revision", "createdDate",
        "updatedDate", "deletedDate", "isDeleted", "userId", "username", "firstName", "lastName", "email", "employeeId",
    ];

    [StoreFact]
    public async Task Trail_RecordsCreateUpdateMoveAndDelete_EachWithTheGroupAsItWasThen()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        var oregon = await company.Admin.CreateGroupAsync("Oregon", west);
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{oregon}", new JsonObject { ["description"] = "Rain" }), HttpStatusCode.OK);
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{oregon}", new JsonObject { ["parentId"] = east }), HttpStatusCode.OK);
        await HttpAssert.ExpectAsync(await company.Admin.DeleteAsync($"/v1/groups/{oregon}"), HttpStatusCode.NoContent);

        var body = await company.Admin.GetObjectAsync($"/v1/groups/auditLogs?groupIdentifier={oregon}&order=asc");

        var entries = Entries(body);
        Assert.Equal(["CREATE", "UPDATE", "MOVE", "DELETE"], entries.Select(e => Text(e, "action")));
        Assert.All(entries, e => Assert.Equal(EntryKeys, e.Select(p => p.Key)));
        Assert.All(entries, e => Assert.Equal(oregon, Id(e)));
        Assert.Equal(4, body["metadata"]!["count"]!.GetValue<int>());
        Assert.Equal(100, body["metadata"]!["limit"]!.GetValue<int>());
        var rootName = Text(await company.Admin.GetGroupAsync(company.RootId), "name");
        Assert.Equal($"{rootName}\\West\\Oregon", Text(entries[0], "fullPath"));
        Assert.Null(entries[0]["description"]);
        Assert.Equal("Rain", Text(entries[1], "description"));
        Assert.Equal($"{rootName}\\East\\Oregon", Text(entries[2], "fullPath"));
        Assert.Equal($"{company.RootId}\\{east}\\{oregon}", Text(entries[2], "fullPathId"));
        Assert.Equal([1, 2, 3, 3], entries.Select(Revision));
        Assert.Equal([false, false, false, true], entries.Select(e => e["isDeleted"]!.GetValue<bool>()));
        Assert.Null(entries[2]["deletedDate"]);
        Assert.NotNull(entries[3]["deletedDate"]);
        Assert.All(entries, e => Assert.Equal(company.AdminId.ToString(), Text(e, "userId")));
        Assert.All(entries, e => Assert.Equal(company.AdminUsername, Text(e, "username")));
        Assert.All(entries, e => Assert.Equal("Administrator", Text(e, "lastName")));
    }

    [StoreFact]
    public async Task Trail_IsNewestFirst_AndFiltersByAction()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["name"] = "Pacific" }), HttpStatusCode.OK);

        var all = Entries(await company.Admin.GetObjectAsync("/v1/groups/auditLogs"));
        var creates = Entries(await company.Admin.GetObjectAsync("/v1/groups/auditLogs?action=create"));

        Assert.Equal(["UPDATE", "CREATE"], all.Select(e => Text(e, "action")));
        Assert.Equal("West", Text(Assert.Single(creates), "name"));
    }

    [StoreFact]
    public async Task Trail_ShowsOnlyGroupsTheCallerCanReach_DeletedOnesWhereTheyWere()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        var oregon = await company.Admin.CreateGroupAsync("Oregon", west);
        var boston = await company.Admin.CreateGroupAsync("Boston", east);
        var gone = await company.Admin.CreateGroupAsync("Gone", west);
        await HttpAssert.ExpectAsync(await company.Admin.DeleteAsync($"/v1/groups/{gone}"), HttpStatusCode.NoContent);
        var (_, driver) = await company.NewCallerAsync((west, RoleCatalog.Driver));

        var groups = Entries(await driver.GetObjectAsync("/v1/groups/auditLogs")).Select(Id).ToHashSet();

        Assert.Equal(new HashSet<Guid> { west, oregon, gone }, groups);
        Assert.DoesNotContain(boston, groups);
        await HttpAssert.ExpectEmptyAsync(await driver.GetAsync($"/v1/groups/auditLogs?groupIdentifier={east}"), HttpStatusCode.Forbidden);
        var westAndBelow = Entries(await driver.GetObjectAsync($"/v1/groups/auditLogs?groupIdentifier={west}&includeSubgroups=true")).Select(Id).ToHashSet();
        Assert.Equal(new HashSet<Guid> { west, oregon, gone }, westAndBelow);
        Assert.Equal([west], Entries(await driver.GetObjectAsync($"/v1/groups/auditLogs?groupIdentifier={west}")).Select(Id));
    }

    [StoreFact]
    public async Task ActorDetails_AreShownOnlyWhereTheCallerMayReadThatUser()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var (manager, managerClient) = await company.NewCallerAsync((west, RoleCatalog.GroupManager));
        await managerClient.CreateGroupAsync("Oregon", west);
        var (_, coach) = await company.NewCallerAsync((west, RoleCatalog.Coach));

        var seenByManager = Entries(await managerClient.GetObjectAsync("/v1/groups/auditLogs"));
        var seenByCoach = Entries(await coach.GetObjectAsync("/v1/groups/auditLogs"));

        var byAdmin = seenByManager.Single(e => Text(e, "name") == "West");
        Assert.Equal(company.AdminId.ToString(), Text(byAdmin, "userId"));
        foreach (var key in new[] { "username", "firstName", "lastName", "email", "employeeId" })
        {
            Assert.Null(byAdmin[key]);
        }
        // The manager cannot read users, itself included: only its id.
        Assert.Null(seenByManager.Single(e => Text(e, "name") == "Oregon")["username"]);
        var byManager = seenByCoach.Single(e => Text(e, "name") == "Oregon");
        Assert.Equal(manager.Id.ToString(), Text(byManager, "userId"));
        Assert.Equal(manager.Username, Text(byManager, "username"));
        Assert.Null(seenByCoach.Single(e => Text(e, "name") == "West")["username"]);
    }

    [StoreFact]
    public async Task Trail_FiltersByTheActorsIdOrUsername_ButNotByAUsernameTheCallerMayNotRead()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var (manager, managerClient) = await company.NewCallerAsync((west, RoleCatalog.GroupManager));
        await managerClient.CreateGroupAsync("Oregon", west);

        var byId = Entries(await company.Admin.GetObjectAsync($"/v1/groups/auditLogs?userIdentifier={manager.Id}"));
        var byName = Entries(await company.Admin.GetObjectAsync($"/v1/groups/auditLogs?userIdentifier={manager.Username.ToUpperInvariant()}"));
        var byAdmin = Entries(await company.Admin.GetObjectAsync($"/v1/groups/auditLogs?userIdentifier={company.AdminUsername}"));
        var unreadable = Entries(await managerClient.GetObjectAsync($"/v1/groups/auditLogs?userIdentifier={company.AdminUsername}"));

        Assert.Equal(["Oregon"], byId.Select(e => Text(e, "name")));
        Assert.Equal(["Oregon"], byName.Select(e => Text(e, "name")));
        Assert.Equal(["West"], byAdmin.Select(e => Text(e, "name")));
        Assert.Empty(unreadable);
    }

    [StoreFact]
    public async Task RefusedChanges_WriteNoEntry()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        await company.CreateUserAsync(west);

        await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync("/v1/groups", Create("WEST", company.RootId)), HttpStatusCode.Conflict);
        await HttpAssert.ExpectErrorAsync(await company.Admin.DeleteAsync($"/v1/groups/{west}"), HttpStatusCode.Conflict);
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["name"] = "" }), "name");
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["name"] = "West" }), HttpStatusCode.OK);

        Assert.Equal(["CREATE"], Entries(await company.Admin.GetObjectAsync("/v1/groups/auditLogs")).Select(e => Text(e, "action")));
    }

    [StoreFact]
    public async Task AChangeThatFailsAfterItsEntryWasWritten_LeavesNoEntry()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var marker = "Boom" + Unique.Letters();

        await using (await StoreSql.FailWritesAsync(app, "groups", "UPDATE", "name", marker))
        {
            await HttpAssert.ExpectInternalErrorAsync(await company.Admin.PutJsonAsync($"/v1/groups/{west}", new JsonObject { ["name"] = marker }));
        }

        Assert.Equal(["CREATE"], Entries(await company.Admin.GetObjectAsync("/v1/groups/auditLogs")).Select(e => Text(e, "action")));
        Assert.Equal("West", Text(await company.Admin.GetGroupAsync(west), "name"));
    }

    [StoreFact]
    public async Task AChangeWhoseEntryCannotBeWritten_DoesNotHappen()
    {
        var company = await app.NewCompanyAsync();
        var marker = "Boom" + Unique.Letters();

        await using (await StoreSql.FailWritesAsync(app, "group_audit_log", "INSERT", "name", marker))
        {
            await HttpAssert.ExpectInternalErrorAsync(await company.Admin.PostJsonAsync("/v1/groups", Create(marker, company.RootId)));
        }

        Assert.Single((await company.Admin.GetObjectAsync("/v1/groups"))["groups"]!.AsArray());
        Assert.Empty(Entries(await company.Admin.GetObjectAsync("/v1/groups/auditLogs")));
    }

    [StoreTheory]
    [InlineData("UPDATE group_audit_log SET actor_name = 'someone else'")]
    [InlineData("DELETE FROM group_audit_log")]
    public async Task TheTrail_CannotBeRewrittenOrErased_EvenWithSql(string statement)
    {
        var company = await app.NewCompanyAsync();
        await company.Admin.CreateGroupAsync("West", company.RootId);
        var before = (await company.Admin.GetObjectAsync("/v1/groups/auditLogs")).ToJsonString();
        var id = StoreSql.IsPostgres(app) ? company.CompanyId.ToString() : company.CompanyId.ToString().ToUpperInvariant();

        var refusal = await StoreSql.RefusedAsync(app, $"{statement} WHERE company_id = '{id}'");

        Assert.Contains("append-only", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await company.Admin.GetObjectAsync("/v1/groups/auditLogs")).ToJsonString());
    }

    [StoreFact]
    public async Task Window_IsTheLast7DaysByDefault_AndStartDateOpens7DaysFromIt()
    {
        var company = await app.NewCompanyAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-10));
        await using var past = app.Sibling(services: s => s.AddSingleton<TimeProvider>(clock));
        // Tokens are checked against the service's clock too: log in again as time moves.
        var admin = await company.AdminOnAsync(past);
        await admin.CreateGroupAsync("Old", company.RootId);
        var createdAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromDays(10));
        admin = await company.AdminOnAsync(past);
        await admin.CreateGroupAsync("New", company.RootId);

        var recent = Entries(await admin.GetObjectAsync("/v1/groups/auditLogs"));
        var from = Uri.EscapeDataString(createdAt.AddHours(-1).ToString("O"));
        var early = Entries(await admin.GetObjectAsync($"/v1/groups/auditLogs?startDate={from}"));

        Assert.Equal(["New"], recent.Select(e => Text(e, "name")));
        Assert.Equal(["Old"], early.Select(e => Text(e, "name")));
    }

    [StoreTheory]
    [InlineData("endDate=2024-09-10T00:00:00Z", "startDate")]
    [InlineData("startDate=2024-09-01T00:00:00Z&endDate=2024-09-10T00:00:00Z", "endDate")]
    [InlineData("startDate=2024-09-10T00:00:00Z&endDate=2024-09-09T00:00:00Z", "endDate")]
    [InlineData("startDate=2999-01-01T00:00:00Z", "startDate")]
    [InlineData("startDate=9999-12-31T23:59:59Z", "startDate")]
    [InlineData("startDate=0001-01-01T00:00:00%2B05:00", "startDate")]
    [InlineData("startDate=yesterday", "startDate")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("action=RENAME", "action")]
    [InlineData("groupIdentifier=West", "groupIdentifier")]
    [InlineData("userIdentifier=no%20spaces", "userIdentifier")]
    [InlineData("sort=name", "sort")]
    [InlineData("order=up", "order")]
    [InlineData("includeSubgroups=maybe", "includeSubgroups")]
    [InlineData("page=2", "page")]
    public async Task Trail_WithABadParameter_Returns400NamingIt(string query, string field)
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync($"/v1/groups/auditLogs?{query}"), field);
    }

    [StoreFact]
    public async Task Trail_PagesWithLimitAndOffset()
    {
        var company = await app.NewCompanyAsync();
        foreach (var name in new[] { "A", "B", "C" })
        {
            await company.Admin.CreateGroupAsync(name, company.RootId);
        }

        var page = await company.Admin.GetObjectAsync("/v1/groups/auditLogs?limit=1&offset=1&order=asc");

        Assert.Equal(["B"], Entries(page).Select(e => Text(e, "name")));
        Assert.Equal(3, page["metadata"]!["count"]!.GetValue<int>());
    }

    private static List<JsonObject> Entries(JsonObject body) => body["data"]!.AsArray().Select(e => e!.AsObject()).ToList();
}
