using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// Suspicion (issue 9, item 12): the SQLite search index (FTS5, external content) is keyed on
/// the implicit rowid of <c>users</c>, whose primary key is text; SQLite's documentation says
/// VACUUM may renumber such rowids, which would make searches find the wrong users or none.
/// Dismissed: VACUUM (and VACUUM INTO, a backup) keep them with the SQLite the service ships.
/// </summary>
public sealed class SqliteVacuumSearchTests(SqliteApp app)
{
    [StoreFact(Only = "sqlite")]
    public async Task SearchFindsTheSameUsers_AfterDeletesLeaveGaps_AndTheFileIsVacuumed()
    {
        await using var store = await IsolatedStore.CreateAsync(app);
        var admin = "vacuum-admin-" + Unique.Suffix();
        var settings = store.With(new Dictionary<string, string?> { ["Bootstrap:AdminUsername"] = admin });
        var file = store.Settings["ConnectionStrings:Users"]!;
        var names = new List<string>();
        await using (var service = app.CreateWithCommonSettings(settings))
        {
            using var client = await LoginAsync(service, admin);
            var root = (await client.GetObjectAsync("/v1/groups"))["groups"]![0]!["id"]!.GetValue<Guid>();
            for (var i = 0; i < 40; i++)
            {
                var body = UserBodies.Create(root);
                body["lastName"] = "Vac" + Unique.Letters(10);
                await HttpAssert.ExpectAsync(await client.PostAsync("/v1/users", Json.Content(body)), System.Net.HttpStatusCode.Created);
                names.Add(body["lastName"]!.GetValue<string>());
            }
        }
        // Every other user deleted from the middle: the rows left behind no longer have consecutive rowids.
        var deleted = names.Where((_, i) => i % 2 == 0 && i < 30).ToList();
        await ExecuteAsync(file, $"DELETE FROM users WHERE last_name IN ({string.Join(",", deleted.Select(n => $"'{n}'"))})");
        var before = await RowidsAsync(file);
        await ExecuteAsync(file, "VACUUM");
        var backup = Path.Combine(Path.GetDirectoryName(file["Data Source=".Length..])!, "backup.db");
        await ExecuteAsync(file, $"VACUUM INTO '{backup}'");

        Assert.Equal(before, await RowidsAsync(file));
        foreach (var database in new[] { file, $"Data Source={backup}" })
        {
            await using var service = app.CreateWithCommonSettings(new Dictionary<string, string?>(settings) { ["ConnectionStrings:Users"] = database });
            using var client = await LoginAsync(service, admin);
            foreach (var name in names)
            {
                var found = (await client.GetObjectAsync($"/v1/users?searchText={name}"))["data"]!.AsArray();
                Assert.Equal(deleted.Contains(name) ? [] : [name], found.Select(u => u!["lastName"]!.GetValue<string>()));
            }
        }
    }

    private static async Task<HttpClient> LoginAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> service, string admin)
    {
        var login = await FleetUsersApp.ClientOf(service).PostAsync("/api/auth/user",
            Json.Content(new JsonObject { ["username"] = admin, ["password"] = "Bootstrap-Pass-1" }));
        var token = (await HttpAssert.ReadObjectAsync(login))["accessToken"]!.GetValue<string>();
        return FleetUsersApp.ClientOf(service, token);
    }

    private static async Task<string> RowidsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(rowid || ':' || id, ',') FROM (SELECT rowid, id FROM users ORDER BY id)";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        SqliteConnection.ClearAllPools(); // VACUUM wants no other connection in the middle of a transaction
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
