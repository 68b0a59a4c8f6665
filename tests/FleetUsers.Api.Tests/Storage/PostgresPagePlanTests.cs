using Dapper;
using FleetUsers.Application.Ports;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// A page of users is read with its users' roles in one statement (UserStore.PageAsync). Joined plainly, a large page
/// made PostgreSQL scan every row of user_group_roles into a hash join (a page of 10,000 among 1,000,000 users:
/// 580 ms, against 120 ms looking each user up); the dialect's join keeps the lookups
/// (<see cref="FleetUsers.Storage.Postgres.PostgresDialect.JoinRoles"/>).
/// </summary>
public sealed class PostgresPagePlanTests(PostgresApp app)
{
    private const string Company = "00000000-0000-0000-0000-00000000c0de";
    private const string Root = "00000000-0000-0000-0000-0000000000aa";

    [StoreFact(Only = "postgres")]
    public async Task ALargePageLooksUpItsUsersRoles_WithoutScanningEveryRole()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await IsolatedStore.CreateAsync(app);
        await using var instance = app.CreateWithCommonSettings(store.Settings);
        _ = instance.Server; // migrates
        await StoreSql.ExecuteAsync(instance.Services, $"""
            INSERT INTO roles (id, name, description) VALUES (4, 'Driver', 'Drives') ON CONFLICT (id) DO NOTHING;
            INSERT INTO companies (id, name, created_date) VALUES ('{Company}', 'Plan Fleet', now());
            INSERT INTO groups (id, company_id, parent_id, name, name_key, description, created_date, updated_date, revision)
            VALUES ('{Root}', '{Company}', NULL, 'Plan Fleet', 'plan fleet', NULL, now(), now(), 1);
            INSERT INTO users (id, company_id, first_name, last_name, username, username_key, employee_id, employee_id_key, email,
                status, login_enabled, allow_video_search_download, allow_safety_event_download, search_text, created_date,
                updated_date, version, last_name_key, first_name_key)
            SELECT gen_random_uuid(), '{Company}', 'First', 'Last' || i, 'user' || i, 'user' || i, 'E' || i, 'e' || i,
                'user' || i || '@example.com', 'Active', false, false, false, 'first last', now(), now(), 1, 'last' || i, 'first'
            FROM generate_series(1, 20000) AS i;
            INSERT INTO user_group_roles (user_id, group_id, role_id) SELECT id, '{Root}', 4 FROM users;
            ANALYZE users, user_group_roles;
            """);

        await using var session = await instance.Services.GetRequiredService<SqlDatabase>().BeginSnapshotAsync(ct);
        var before = await ScansOfRolesAsync(session, ct);
        var page = await session.Users.PageAsync(new UserListFilter { CompanyId = Guid.Parse(Company), Limit = 10_000, Offset = 5_000 }, ct);
        var after = await ScansOfRolesAsync(session, ct);

        Assert.Equal(10_000, page.Count);
        Assert.All(page, user => Assert.Equal(Guid.Parse(Root), Assert.Single(user.GroupRoles).GroupId));
        Assert.Equal(0, after.Sequential - before.Sequential);
        Assert.Equal(10_000, after.Indexed - before.Indexed);
    }

    /// <summary>
    /// The scans of user_group_roles this connection has counted and not yet reported (its transaction's, and those
    /// of earlier ones on the pooled connection still unreported): compared before and after one statement.
    /// </summary>
    private static async Task<(long Sequential, long Indexed)> ScansOfRolesAsync(SqlSession session, CancellationToken ct) =>
        await (await session.ConnectionAsync(ct)).QuerySingleAsync<(long, long)>(session.Command(
            "SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = 'user_group_roles'", null, ct));
}
