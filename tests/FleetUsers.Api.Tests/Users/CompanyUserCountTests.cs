using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FleetUsers.Api.Tests.Users;

/// <summary>
/// The total of a list of a whole company (metadata.count, SCIM's totalResults) comes from counts that triggers keep
/// in every change's transaction (migration 0160), not from a COUNT over its users (2 s at 10,000,000 users); a list
/// narrowed by a filter or by the caller's reach counts its matches. The imports' part (staged users not counted,
/// counted at commit, never counted when removed) is also checked by UserImportWriteTests, whose totals read the counts.
/// </summary>
public sealed class CompanyUserCountTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task AWholeCompanyList_TakesItsTotalFromTheKeptCount_AndOneWithinTheCallersReachCountsItsMatches()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        await company.CreateUserAsync(west);
        await company.CreateUserAsync(company.RootId);
        var scim = await company.NewScimClientAsync(company.RootId, RoleCatalog.Driver);
        var westScim = await company.NewScimClientAsync(west, RoleCatalog.Driver);
        var (_, westCoach) = await company.NewCallerAsync((west, RoleCatalog.Coach));
        await SkewTheKeptCountAsync(company);

        Assert.Equal(1_004, await TotalAsync(company.Admin, "?limit=1"));
        Assert.Equal(994, await ScimTotalAsync(scim, ""));
        Assert.Equal(2, await TotalAsync(westCoach, "?limit=1"));
        Assert.Equal(2, await ScimTotalAsync(westScim, ""));
    }

    [StoreTheory]
    [InlineData("groupId={west}")]
    [InlineData("groupId={root}&includeSubGroups=true")]
    [InlineData("roleId=4")]
    [InlineData("status=Active")]
    [InlineData("loginEnabled=false")]
    [InlineData("searchText=Counted")]
    public async Task AListNarrowedByAFilter_CountsItsMatches(string filter)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        await company.CreateUserAsync(west, customize: b => b["lastName"] = "Counted");
        await company.CreateUserAsync(west, customize: b => b["lastName"] = "Counted");
        await SkewTheKeptCountAsync(company);
        var query = filter.Replace("{west}", west.ToString(), StringComparison.Ordinal).Replace("{root}", company.RootId.ToString(), StringComparison.Ordinal);
        // A page that holds them all gives the total without counting (UserStore.ListAsync).
        var matches = (await company.Admin.GetObjectAsync("/v1/users?limit=10000&" + query))["data"]!.AsArray().Count;

        Assert.InRange(matches, 1, 3);
        Assert.Equal(matches, await TotalAsync(company.Admin, "?limit=1&" + query));
    }

    [StoreTheory]
    [InlineData("meta.lastModified gt \"2000-01-01T00:00:00Z\"")]
    [InlineData("userName eq \"{userName}\"")]
    [InlineData("externalId eq \"{externalId}\"")]
    [InlineData("emails.value eq \"{email}\"")]
    public async Task AScimListNarrowedByAFilter_CountsItsMatches(string filter)
    {
        var company = await app.NewCompanyAsync();
        var scim = await company.NewScimClientAsync(company.RootId, RoleCatalog.Driver);
        var (userName, externalId) = ("counted-" + Unique.Suffix(), Guid.NewGuid().ToString());
        await ScimCalls.ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users",
            ScimCalls.EntraUser(userName, externalId, userName + "@example.com").ToJsonString()), HttpStatusCode.Created);
        await ScimCalls.ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users", ScimUser("other-" + Unique.Suffix())), HttpStatusCode.Created);
        await SkewTheKeptCountAsync(company);
        var query = "&filter=" + Uri.EscapeDataString(filter.Replace("{userName}", userName, StringComparison.Ordinal)
            .Replace("{externalId}", externalId, StringComparison.Ordinal).Replace("{email}", userName + "@example.com", StringComparison.Ordinal));
        var matches = (await ScimCalls.ExpectScimAsync(await scim.Http.ScimGetAsync("/Users?count=1000" + query), HttpStatusCode.OK))["Resources"]!.AsArray().Count;

        Assert.InRange(matches, 1, 3);
        Assert.Equal(matches, await ScimTotalAsync(scim, query));
    }

    /// <summary>Makes the company's kept counts wrong on purpose (1,000 more users, 10 of them SCIM-removed): a total that reads them shows it.</summary>
    private async Task SkewTheKeptCountAsync(TestCompany company) =>
        await StoreSql.ScalarAsync(app, StoreSql.IsPostgres(app)
            ? "INSERT INTO company_user_counts (company_id, slot, visible_users, scim_removed_users) VALUES (@company, 100, 1000, 10)"
            : "UPDATE company_user_counts SET visible_users = visible_users + 1000, scim_removed_users = scim_removed_users + 10 WHERE company_id = @company",
            ("company", company.CompanyId));

    [StoreFact]
    public async Task TheKeptCount_FollowsCreatesDeletesAndScimRemovals_MadeConcurrently()
    {
        var company = await app.NewCompanyAsync();
        var scim = await company.NewScimClientAsync(company.RootId, RoleCatalog.Driver);
        var created = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => company.CreateUserAsync(company.RootId)));
        // The API deletes no user (an import's removal does, see UserImportWriteTests): the store's delete, five at once.
        await Task.WhenAll(created.Take(5).Select(async u =>
        {
            await using var session = await app.Services.GetRequiredService<SqlDatabase>().BeginAsync(write: true, CancellationToken.None);
            Assert.True(await session.Users.DeleteAsync(company.CompanyId, u.Id, CancellationToken.None));
            await session.CommitAsync(CancellationToken.None);
        }));
        var names = Enumerable.Range(0, 3).Select(_ => "scim-" + Unique.Suffix()).ToList();
        var scimIds = await Task.WhenAll(names.Select(async name => (await ScimCalls.ExpectScimAsync(
            await scim.Http.ScimAsync(HttpMethod.Post, "/Users", ScimUser(name)), HttpStatusCode.Created))["id"]!.GetValue<string>()));
        await Task.WhenAll(scimIds.Select(async id =>
            await HttpAssert.ExpectEmptyAsync(await scim.Http.ScimAsync(HttpMethod.Delete, $"/Users/{id}"), HttpStatusCode.NoContent)));
        // Provisioned again: the same user, no longer SCIM-removed.
        await ScimCalls.ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users", ScimUser(names[0])), HttpStatusCode.Created);

        // The admin, 7 of the 12 left, the 3 SCIM users (2 of them SCIM-removed, still in the directory).
        Assert.Equal(11, await TotalAsync(company.Admin, "?limit=1"));
        Assert.Equal(9, await ScimTotalAsync(scim, ""));
        Assert.Equal((11L, 2L), await KeptCountsAsync(app, company.CompanyId));
        Assert.Equal(11L, Convert.ToInt64(await StoreSql.ScalarAsync(app, "SELECT COUNT(*) FROM users WHERE company_id = @company",
            ("company", company.CompanyId)), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Migration 0160 counts the users already there when it runs: those readers see, not an import's still staged.</summary>
    [StoreFact]
    public async Task TheMigration_CountsTheUsersAlreadyThere_ButNotThoseOfAnImportStillStaged()
    {
        await using var store = await IsolatedStore.CreateMigratedAsync(app);
        var (fleet, other, committed, staged) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var before = app.CreateWithCommonSettings(store.Settings))
        {
            var postgres = StoreSql.IsPostgres(app);
            await StoreSql.ExecuteAsync(before.Services, postgres
                ? """
                  DROP TABLE company_user_counts;
                  DROP FUNCTION fleetusers_count_users_changed, fleetusers_count_scim_removal, fleetusers_count_import_committed, fleetusers_add_user_counts CASCADE;
                  DELETE FROM schema_versions WHERE ScriptName LIKE '%.0160_company_user_counts.sql'
                  """
                : """
                  DROP TRIGGER users_inserted_counted; DROP TRIGGER users_deleted_counted;
                  DROP TRIGGER users_scim_removal_counted; DROP TRIGGER user_imports_committed_counted;
                  DROP TABLE company_user_counts;
                  DELETE FROM schema_versions WHERE ScriptName LIKE '%.0160_company_user_counts.sql'
                  """);
            await StoreSql.ScalarAsync(before.Services, """
                INSERT INTO companies (id, name, created_date) VALUES (@fleet, 'Fleet', CURRENT_TIMESTAMP);
                INSERT INTO companies (id, name, created_date) VALUES (@other, 'Other', CURRENT_TIMESTAMP);
                INSERT INTO user_imports (id, company_id, started_at, heartbeat_at, committed_at)
                VALUES (@committed, @fleet, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
                INSERT INTO user_imports (id, company_id, started_at, heartbeat_at) VALUES (@staged, @fleet, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                """, ("fleet", fleet), ("other", other), ("committed", committed), ("staged", staged));
            foreach (var (company, import, scimRemoved) in new (Guid, Guid?, bool)[]
            {
                (fleet, null, false), (fleet, null, false), (fleet, null, true), (fleet, committed, false), (fleet, committed, true),
                (fleet, staged, false), (fleet, staged, true), (other, null, false),
            })
            {
                await InsertUserAsync(before.Services, company, import, scimRemoved);
            }
        }

        await using var after = app.CreateWithCommonSettings(store.Settings);
        _ = after.Server; // migrates 0160 again

        Assert.Equal((5L, 2L), await KeptCountsAsync(after.Services, fleet));
        Assert.Equal((1L, 0L), await KeptCountsAsync(after.Services, other));
    }

    /// <summary>
    /// An import's users count when it commits: the commit's trigger counts the staged rows it finds. A staging insert
    /// still in its transaction then would be counted by neither (the commit cannot see it; it saw the import
    /// uncommitted), so the commit waits for it (the insert's trigger holds the import's row in share mode).
    /// </summary>
    [StoreFact(Only = "postgres")]
    public async Task AnImportCommittingWhileItsLastBatchIsBeingWritten_CountsThatBatch()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await IsolatedStore.CreateMigratedAsync(app);
        await using var setup = await store.OpenPostgresAsync(ct);
        var (companyId, importId) = await CompanyWithAnImportAsync(setup);
        await InsertUserAsync(setup, companyId, importId);

        await using var batch = await store.OpenPostgresAsync(ct);
        await using (var writing = await batch.BeginTransactionAsync(ct))
        {
            await InsertUserAsync(batch, companyId, importId, writing);
            var commit = CommitImportAsync(store, importId, ct);
            await WaitWhileRunningAsync(setup, commit, ct);
            await writing.CommitAsync(ct);
            await commit;
        }

        Assert.Equal((2L, 0L), await KeptCountsAsync(setup, companyId));
    }

    /// <summary>The other way round: removing an import's staged users while it commits counts them neither in nor out.</summary>
    [StoreFact(Only = "postgres")]
    public async Task AnImportCommittingWhileItsUsersAreBeingRemoved_CountsNoneOfThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await IsolatedStore.CreateMigratedAsync(app);
        await using var setup = await store.OpenPostgresAsync(ct);
        var (companyId, importId) = await CompanyWithAnImportAsync(setup);
        await InsertUserAsync(setup, companyId, importId);
        await InsertUserAsync(setup, companyId, importId);

        await using var removal = await store.OpenPostgresAsync(ct);
        await using (var removing = await removal.BeginTransactionAsync(ct))
        {
            await removal.ExecuteAsync("DELETE FROM users WHERE import_id = @importId", new { importId }, removing);
            var commit = CommitImportAsync(store, importId, ct);
            await WaitWhileRunningAsync(setup, commit, ct);
            await removing.CommitAsync(ct);
            await commit;
        }

        Assert.Equal((0L, 0L), await KeptCountsAsync(setup, companyId));
        Assert.Equal(0L, await setup.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE company_id = @companyId", new { companyId }));
    }

    private static async Task<int> TotalAsync(HttpClient client, string query) =>
        (await client.GetObjectAsync("/v1/users" + query))["metadata"]!["count"]!.GetValue<int>();

    private static async Task<int> ScimTotalAsync(TestScimClient scim, string query) =>
        (await ScimCalls.ExpectScimAsync(await scim.Http.ScimGetAsync("/Users?count=1" + query), HttpStatusCode.OK))["totalResults"]!.GetValue<int>();

    private static string ScimUser(string userName) => new JsonObject
    {
        ["schemas"] = new JsonArray(ScimCalls.UserUrn),
        ["userName"] = userName,
        ["name"] = new JsonObject { ["givenName"] = "Sam", ["familyName"] = "Counted" },
        ["active"] = true,
    }.ToJsonString();

    private static Task<(long Visible, long ScimRemoved)> KeptCountsAsync(FleetUsersApp app, Guid companyId) =>
        KeptCountsAsync(app.Services, companyId);

    /// <summary>The sums of a company's counts (of its slots, on PostgreSQL), on the database of any instance.</summary>
    private static async Task<(long Visible, long ScimRemoved)> KeptCountsAsync(IServiceProvider services, Guid companyId) =>
        (await SumAsync(services, "visible_users", companyId), await SumAsync(services, "scim_removed_users", companyId));

    private static async Task<long> SumAsync(IServiceProvider services, string column, Guid companyId) =>
        Convert.ToInt64(await StoreSql.ScalarAsync(services, $"SELECT COALESCE(SUM({column}), 0) FROM company_user_counts WHERE company_id = @company",
            ("company", companyId)), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A user row as the schema takes it, on either engine: only what the counts read matters.</summary>
    private const string InsertUserSql = """
        INSERT INTO users (id, company_id, first_name, last_name, username, username_key, status, login_enabled,
            allow_video_search_download, allow_safety_event_download, search_text, created_date, updated_date, version,
            last_name_key, first_name_key, import_id, scim_removed)
        VALUES (@id, @company, 'Present', 'User', @name, @name, 'Active', @no, @no, @no, 'present user',
            CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, 'user', 'present', @import, @scimRemoved)
        """;

    private static Task InsertUserAsync(IServiceProvider services, Guid companyId, Guid? importId, bool scimRemoved) =>
        StoreSql.ScalarAsync(services, InsertUserSql, ("id", Guid.NewGuid()), ("company", companyId), ("name", "present-" + Unique.Suffix()),
            ("no", false), ("import", (object?)importId ?? DBNull.Value), ("scimRemoved", scimRemoved));

    private static async Task<(long Visible, long ScimRemoved)> KeptCountsAsync(NpgsqlConnection connection, Guid companyId) =>
        await connection.QuerySingleAsync<(long, long)>(
            "SELECT COALESCE(SUM(visible_users), 0)::bigint, COALESCE(SUM(scim_removed_users), 0)::bigint FROM company_user_counts WHERE company_id = @companyId",
            new { companyId });

    private static async Task<(Guid Company, Guid Import)> CompanyWithAnImportAsync(NpgsqlConnection connection)
    {
        var (companyId, importId) = (Guid.NewGuid(), Guid.NewGuid());
        await connection.ExecuteAsync("""
            INSERT INTO companies (id, name, created_date) VALUES (@companyId, 'Counted Fleet', now());
            INSERT INTO user_imports (id, company_id, started_at, heartbeat_at) VALUES (@importId, @companyId, now(), now());
            """, new { companyId, importId });
        return (companyId, importId);
    }

    private static Task InsertUserAsync(NpgsqlConnection connection, Guid companyId, Guid importId, NpgsqlTransaction? transaction = null) =>
        connection.ExecuteAsync(InsertUserSql, new
        {
            id = Guid.NewGuid(), company = companyId, name = "staged-" + Unique.Suffix(), no = false, import = importId, scimRemoved = false,
        }, transaction);

    /// <summary>The import's commit (UserImportStore.CommitAsync's statement), on a connection of its own.</summary>
    private static async Task CommitImportAsync(IsolatedStore store, Guid importId, CancellationToken ct)
    {
        await using var connection = await store.OpenPostgresAsync(ct);
        Assert.Equal(1, await connection.ExecuteAsync(
            "UPDATE user_imports SET committed_at = now() WHERE id = @importId AND committed_at IS NULL", new { importId }));
    }

    /// <summary>
    /// Returns once the commit waits for a lock, or has finished without waiting (which the counts then show): either
    /// way the other transaction ends after the commit began, the order the test is about. Fails if neither came.
    /// </summary>
    private static async Task WaitWhileRunningAsync(NpgsqlConnection observer, Task commit, CancellationToken ct)
    {
        for (var tries = 0; tries < 600 && !commit.IsCompleted; tries++)
        {
            var waiting = await observer.ExecuteScalarAsync<long>("""
                SELECT COUNT(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE user_imports SET committed_at%'
                """);
            if (waiting > 0)
            {
                return;
            }
            await Task.Delay(50, ct);
        }
        Assert.True(commit.IsCompleted, "the import's commit neither waited for a lock nor finished within 30 s");
    }
}
