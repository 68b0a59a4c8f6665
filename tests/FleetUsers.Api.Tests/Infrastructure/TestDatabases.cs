using Npgsql;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// Dropping a test database on the PostgreSQL test server. Self-contained: the browser tests
/// compile this same file, so both suites drop their databases the same way.
/// </summary>
public static class TestDatabases
{
    public static async Task DropAsync(string serverConnectionString, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        // FORCE may not end an autovacuum worker that is in the database at that moment (42501 for a role
        // without superuser rights, as the tests' role is): it finishes within moments, so try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
