using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using Npgsql;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// Suspicion (issue 9, item 12): every 503 cleared the whole connection pool, so under contention
/// (a lock wait past the command timeout, a full pool) each refused request closed every idle
/// connection and the next requests all reconnected. The pool is for a server that is gone.
/// </summary>
public sealed class PostgresPoolTests(PostgresApp app)
{
    [StoreFact(Only = "postgres")]
    public async Task A503FromALockWait_KeepsTheIdleConnections()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var applicationName = "pool-test-" + Unique.Suffix();
        var connectionString = new NpgsqlConnectionStringBuilder(app.StoreSettings["ConnectionStrings:Users"]) { ApplicationName = applicationName };
        await using var instance = app.Sibling(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Users"] = connectionString.ToString(),
            ["Storage:CommandTimeoutSeconds"] = "1",
        });
        using var admin = FleetUsersApp.ClientOf(instance, await TokenAsync(instance, company.AdminUsername));
        // Several requests at once leave several idle connections in the instance's pool.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.GetAsync($"/v1/users/{user.Id}")));
        var idleBefore = await BackendsAsync(applicationName);
        Assert.True(idleBefore.Count >= 2, $"the pool holds {idleBefore.Count} connections");

        await using (var holder = new NpgsqlConnection(app.StoreSettings["ConnectionStrings:Users"]))
        {
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();
            await using var lockRow = new NpgsqlCommand($"SELECT 1 FROM users WHERE id = '{user.Id}' FOR UPDATE", holder, transaction);
            await lockRow.ExecuteNonQueryAsync();

            var put = await admin.PutJsonAsync($"/v1/users/{user.Id}", UserBodies.Update(company.RootId));
            await HttpAssert.ExpectErrorAsync(put, HttpStatusCode.ServiceUnavailable);
        }

        // The connection whose statement timed out may have been closed; the others are kept.
        var idleAfter = await BackendsAsync(applicationName);
        Assert.True(idleBefore.Except(idleAfter).Count() <= 1,
            $"connections before: {string.Join(",", idleBefore)}; after the 503: {string.Join(",", idleAfter)}");
    }

    private static async Task<string> TokenAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> instance, string username)
    {
        var login = await FleetUsersApp.ClientOf(instance).PostAsync("/api/auth/user",
            Json.Content(new System.Text.Json.Nodes.JsonObject { ["username"] = username, ["password"] = "Admin-Pass-1" }));
        return (await HttpAssert.ReadObjectAsync(login))["accessToken"]!.GetValue<string>();
    }

    /// <summary>The server processes serving the instance's connections (named by their application name).</summary>
    private async Task<List<int>> BackendsAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(app.StoreSettings["ConnectionStrings:Users"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE application_name = @name ORDER BY pid", connection);
        command.Parameters.AddWithValue("name", applicationName);
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }
        return pids;
    }
}
