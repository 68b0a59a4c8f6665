using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace FleetUsers.Bench;

/// <summary>
/// What SQLite itself can do on this machine, with the engine settings the service uses (WAL, the
/// driver's default synchronous=FULL, foreign keys on the writer, a busy timeout), on a copy of the
/// seeded database: raw Microsoft.Data.Sqlite with prepared commands, none of the service's code.
/// The floors the scenarios are read against (bench/README.md says how each is measured).
/// </summary>
public static class SqliteFloors
{
    public const int BatchSize = 32;

    private const string AuditChanges = """[{"field":"firstName","oldValue":"John","newValue":"Jon"}]""";

    public static void Run(string connectionString, TimeSpan duration, TimeSpan warmup, int concurrency, string outDir)
    {
        var company = BenchCompany.Read(outDir) ?? throw new InvalidOperationException("Seed first.");
        // UUIDs as the service stores them: upper-case text.
        var ids = File.ReadLines(Path.Combine(outDir, "ids.txt")).Select(id => id.ToUpperInvariant()).ToArray();
        var copy = Path.Combine(outDir, "floors.db");
        var given = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 5, Pooling = false };
        var floors = new SqliteConnectionStringBuilder(given.ToString()) { DataSource = copy };
        Copy(given.ToString(), floors.ToString(), copy);
        try
        {
            var writer = new SqliteConnectionStringBuilder(floors.ToString()) { ForeignKeys = true }.ToString();
            var (journal, synchronous) = Settings(writer);
            var write = Measure(warmup, duration, until => Write(writer, company, ids, 1, until));
            var batched = Measure(warmup, duration, until => Write(writer, company, ids, BatchSize, until));
            var read = Measure(warmup, duration, until => Read(floors.ToString(), ids, concurrency, until));
            var report = new Dictionary<string, object>
            {
                ["write_tx_per_s"] = write,
                ["write_batched_rows_per_s"] = batched,
                ["read_tx_per_s"] = read,
                ["batch_size"] = BatchSize,
                ["read_connections"] = concurrency,
                ["journal_mode"] = journal,
                ["synchronous"] = synchronous,
            };
            var json = JsonSerializer.Serialize(report);
            File.WriteAllText(Path.Combine(outDir, "floors.json"), json);
            Console.WriteLine(json);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { copy, copy + "-wal", copy + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The seeded database, copied page by page, in WAL mode as the service keeps it: the floors' writes stay out of the scenarios' database.</summary>
    private static void Copy(string source, string target, string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
        using var from = new SqliteConnection(source);
        using var to = new SqliteConnection(target);
        from.Open();
        to.Open();
        from.BackupDatabase(to);
        using var wal = to.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL";
        wal.ExecuteNonQuery();
    }

    private static (string Journal, long Synchronous) Settings(string connectionString)
    {
        using var connection = Open(connectionString);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        var journal = (string)command.ExecuteScalar()!;
        command.CommandText = "PRAGMA synchronous"; // 2 = FULL: an fsync at every commit
        var synchronous = (long)command.ExecuteScalar()!;
        if (journal != "wal" || synchronous != 2)
        {
            throw new InvalidOperationException($"Expected WAL and synchronous=FULL (2), found {journal} and {synchronous}.");
        }
        return (journal, synchronous);
    }

    /// <summary>A warm-up, then the measured run; operations per second of the measured run.</summary>
    private static double Measure(TimeSpan warmup, TimeSpan duration, Func<DateTime, long> run)
    {
        run(DateTime.UtcNow + warmup);
        var clock = Stopwatch.StartNew();
        var done = run(DateTime.UtcNow + duration);
        return Math.Round(done / clock.Elapsed.TotalSeconds, 1);
    }

    /// <summary>
    /// One connection, as the service's single writer: BEGIN IMMEDIATE, then <paramref name="perTransaction"/> times an
    /// UPDATE of one user row and an INSERT of one audit row, then COMMIT (one fsync). Returns the user rows updated.
    /// </summary>
    private static long Write(string connectionString, BenchCompany company, string[] ids, int perTransaction, DateTime until)
    {
        using var connection = Open(connectionString);
        using var begin = Prepared(connection, "BEGIN IMMEDIATE");
        using var commit = Prepared(connection, "COMMIT");
        using var update = Prepared(connection, "UPDATE users SET updated_date = $now, version = version + 1 WHERE id = $id", "$now", "$id");
        using var insert = Prepared(connection, """
            INSERT INTO audit_log (id, company_id, user_id, occurred_at, actor_type, actor_id, actor_name, action, changes)
            VALUES ($id, $companyId, $userId, $now, 'user', $actorId, 'bench-floor', 'update', $changes)
            """, "$id", "$companyId", "$userId", "$now", "$actorId", "$changes");
        insert.Parameters["$companyId"].Value = company.CompanyId.ToString("D").ToUpperInvariant();
        insert.Parameters["$actorId"].Value = company.AdminId.ToString("D").ToUpperInvariant();
        insert.Parameters["$changes"].Value = AuditChanges;
        long rows = 0;
        while (DateTime.UtcNow < until)
        {
            begin.ExecuteNonQuery();
            for (var i = 0; i < perTransaction; i++)
            {
                var userId = ids[Random.Shared.Next(ids.Length)];
                var now = DateTimeOffset.UtcNow;
                update.Parameters["$now"].Value = now;
                update.Parameters["$id"].Value = userId;
                update.ExecuteNonQuery();
                insert.Parameters["$id"].Value = Guid.CreateVersion7().ToString("D").ToUpperInvariant();
                insert.Parameters["$userId"].Value = userId;
                insert.Parameters["$now"].Value = now;
                insert.ExecuteNonQuery();
            }
            commit.ExecuteNonQuery();
            rows += perTransaction;
        }
        return rows;
    }

    /// <summary>
    /// <paramref name="connections"/> threads, each with its own connection, each reading one user by primary key with its
    /// group roles (every column of the rows, as a GET's read), in autocommit. Returns the reads.
    /// </summary>
    private static long Read(string connectionString, string[] ids, int connections, DateTime until)
    {
        long reads = 0;
        var threads = Enumerable.Range(0, connections).Select(_ => new Thread(() =>
        {
            using var connection = Open(connectionString);
            using var select = Prepared(connection, """
                SELECT u.id, u.company_id, u.first_name, u.last_name, u.username, u.employee_id, u.email, u.cell_phone_country,
                    u.cell_phone_number, u.status, u.login_enabled, u.password_hash, u.allow_video_search_download,
                    u.allow_safety_event_download, u.primary_group_id, u.created_date, u.updated_date, u.last_login_date, u.version,
                    u.security_stamp, r.group_id, r.role_id
                FROM users u LEFT JOIN user_group_roles r ON r.user_id = u.id
                WHERE u.id = $id
                """, "$id");
            var values = new object[22];
            long mine = 0;
            while (DateTime.UtcNow < until)
            {
                select.Parameters["$id"].Value = ids[Random.Shared.Next(ids.Length)];
                using (var reader = select.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        reader.GetValues(values);
                    }
                }
                mine++;
            }
            Interlocked.Add(ref reads, mine);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return reads;
    }

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 5000"; // as the service's write connections
        busy.ExecuteNonQuery();
        return connection;
    }

    private static SqliteCommand Prepared(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        }
        command.Prepare();
        return command;
    }
}
