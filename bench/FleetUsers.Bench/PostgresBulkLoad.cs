using Npgsql;

namespace FleetUsers.Bench;

/// <summary>
/// A large load into PostgreSQL as bulk loads are done: the loaded tables' secondary indexes dropped
/// first and built again once the rows are in. Building an index once is many times faster than
/// growing it row by row (above all the trigram index on search_text), which is what takes a seed to
/// 10,000,000 users from hours to minutes. The indexes come back with their own definitions
/// (pg_indexes), so the scenarios meet exactly the migrated schema; primary keys and foreign keys stay.
/// </summary>
internal sealed class PostgresBulkLoad(IReadOnlyList<string> definitions)
{
    private static readonly string[] Tables = ["users", "user_group_roles"];

    public static async Task<PostgresBulkLoad> DropIndexesAsync(NpgsqlConnection connection)
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
            """, connection))
        {
            read.Parameters.AddWithValue("tables", Tables);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in definitions)
        {
            await using var drop = new NpgsqlCommand($"DROP INDEX \"{name}\"", connection);
            await drop.ExecuteNonQueryAsync();
        }
        return new PostgresBulkLoad(definitions.Select(d => d.Definition).ToList());
    }

    public async Task RebuildIndexesAsync(NpgsqlConnection connection)
    {
        await using (var memory = new NpgsqlCommand("SET maintenance_work_mem = '1GB'", connection))
        {
            await memory.ExecuteNonQueryAsync();
        }
        foreach (var definition in definitions)
        {
            Console.Error.WriteLine($"  building {definition}");
            await using var build = new NpgsqlCommand(definition, connection) { CommandTimeout = 0 };
            await build.ExecuteNonQueryAsync();
        }
    }
}
