using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using Npgsql;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// SCIM's <c>emails.value eq</c> must stay indexed at 1,000,000 users (issue 12). The planner knew nothing
/// of lower(email) (a partial index gives it no statistics), guessed that 0.5 % of a company matched, and
/// at 1,000,000 users walked the primary key for SCIM's id order: 8.6 s (bench/search-plan.sh). The
/// statistics of migration 0120 make it expect one user, as the index it then picks finds.
/// </summary>
public sealed class PostgresScimFilterPlanTests(PostgresApp app)
{
    private const string Company = "00000000-0000-0000-0000-00000000c0de";

    [StoreFact(Only = "postgres")]
    public async Task ThePlannerExpectsOneUserForAnEmailAddress()
    {
        await using var store = await IsolatedStore.CreateMigratedAsync(app);
        await using var connection = await store.OpenPostgresAsync();
        await ExecuteAsync(connection, $"""
            INSERT INTO companies (id, name, created_date) VALUES ('{Company}', 'Plan Fleet', now());
            INSERT INTO users (id, company_id, first_name, last_name, username, username_key, employee_id, employee_id_key, email,
                status, login_enabled, allow_video_search_download, allow_safety_event_download, search_text, created_date,
                updated_date, version, last_name_key, first_name_key)
            SELECT gen_random_uuid(), '{Company}', 'First', 'Last', 'user' || i, 'user' || i, 'E' || i, 'e' || i, 'user' || i || '@example.com',
                'Active', false, false, false, 'first last', now(), now(), 1, 'last', 'first'
            FROM generate_series(1, 20000) AS i;
            ANALYZE users;
            """);

        await using var explain = new NpgsqlCommand($"""
            EXPLAIN (FORMAT JSON) SELECT u.id FROM users u
            WHERE u.company_id = '{Company}' AND lower(u.email) = lower('USER4242@example.com') AND u.email IS NOT NULL
            """, connection);
        var plan = JsonNode.Parse((string)(await explain.ExecuteScalarAsync())!)![0]!["Plan"]!;

        // Without the statistics: 100 (0.5 % of 20,000).
        Assert.True(plan["Plan Rows"]!.GetValue<double>() <= 2, plan.ToJsonString());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
