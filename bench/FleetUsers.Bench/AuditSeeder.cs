using Dapper;
using FleetUsers.Storage;
using FleetUsers.Storage.Postgres;

namespace FleetUsers.Bench;

/// <summary>
/// Grows the audit trail to a given number of entries (issue 15: PUT throughput with 10,000,000 of them
/// present), generated in SQL, a million per statement: entries of the bench company about its first 10,000
/// users, the ones the PUT scenarios change (until 2 December, ids of no user, which left the entries of
/// the users PUT changes in index pages of their own), an hour old (inside any retention), with ids in
/// written order as the service's are nearly.
/// </summary>
public static class AuditSeeder
{
    private const int PerStatement = 1_000_000;

    public static async Task SeedAsync(SqlDatabase database, int entries, string outDir)
    {
        var company = BenchCompany.Read(outDir) ?? throw new InvalidOperationException("Seed the users first.");
        var postgres = database.Name == PostgresEngine.Name;
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var present = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log");
        var users = File.ReadLines(Path.Combine(outDir, "ids.txt")).Take(10_000).Select(Guid.Parse).ToList();
        await connection.ExecuteAsync(postgres
            ? "CREATE TEMP TABLE bench_users (n int PRIMARY KEY, id uuid NOT NULL)"
            : "CREATE TEMP TABLE bench_users (n INTEGER PRIMARY KEY, id TEXT NOT NULL)");
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO bench_users (n, id) VALUES (@n, @id)",
                users.Select((id, n) => new { n, id }), transaction);
            await transaction.CommitAsync();
        }
        var occurredAt = DateTimeOffset.UtcNow.AddHours(-1);
        for (var from = present + 1; from <= entries; from += PerStatement)
        {
            var to = Math.Min(entries, from + PerStatement - 1);
            var sql = postgres
                ? """
                  INSERT INTO audit_log (id, company_id, user_id, occurred_at, actor_type, actor_id, actor_name, action, changes)
                  SELECT lpad(to_hex(i), 32, '0')::uuid, @company, u.id, @occurredAt,
                         'user', 'bench', 'bench', 'Update', '[]'
                  FROM generate_series(@from, @to) AS i JOIN bench_users u ON u.n = i % @userCount
                  """
                : """
                  WITH RECURSIVE n(i) AS (SELECT @from UNION ALL SELECT i + 1 FROM n WHERE i < @to)
                  INSERT INTO audit_log (id, company_id, user_id, occurred_at, actor_type, actor_id, actor_name, action, changes)
                  SELECT printf('%032x', i), @company, u.id, @occurredAt, 'user', 'bench', 'bench', 'Update', '[]'
                  FROM n JOIN bench_users u ON u.n = n.i % @userCount
                  """;
            await connection.ExecuteAsync(new CommandDefinition(sql, new { company = company.CompanyId, occurredAt, from, to, userCount = users.Count }, commandTimeout: 0));
            Console.Error.Write($"\r  audit trail at {to:N0} entries");
        }
        Console.Error.WriteLine();
        if (postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("VACUUM (ANALYZE) audit_log", commandTimeout: 0));
        }
    }
}
