using System.Net;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// A change writes only the columns whose values it changes (issue 15): SQLite rewrites the entries of
/// every index on a column an UPDATE sets, even to the same value, which doubled the pages a PUT wrote.
/// Seen by triggers on the columns (AFTER UPDATE OF fires when the statement sets the column, changed or not).
/// </summary>
public sealed class SqliteWrittenColumnsTests(SqliteApp app)
{
    private static readonly string[] Watched =
        ["username_key", "employee_id_key", "email", "first_name", "last_name_key", "search_text", "password_hash", "security_stamp", "updated_date", "version"];

    [StoreFact(Only = "sqlite")]
    public async Task Put_SetsOnlyTheColumnsItChanges_AndEveryOneItChanges()
    {
        await using var service = await IsolatedService.StartAsync(app);
        var created = await HttpAssert.ReadObjectAsync(await service.Admin.PostAsync("/v1/users", Json.Content(UserBodies.Create(service.Root))));
        var userId = created["userId"]!.GetValue<Guid>();
        var body = UserBodies.Update(service.Root);
        await HttpAssert.ExpectAsync(await service.Admin.PutJsonAsync($"/v1/users/{userId}", body), HttpStatusCode.OK);
        await StoreSql.ExecuteAsync(service.Services, "CREATE TABLE written_columns (user_id TEXT NOT NULL, column_name TEXT NOT NULL)");
        foreach (var column in Watched)
        {
            await StoreSql.ExecuteAsync(service.Services, $"""
                CREATE TRIGGER written_{column} AFTER UPDATE OF {column} ON users
                BEGIN INSERT INTO written_columns VALUES (new.id, '{column}'); END
                """);
        }

        await HttpAssert.ExpectAsync(await service.Admin.PutJsonAsync($"/v1/users/{userId}", body), HttpStatusCode.OK);
        Assert.Equal(["updated_date", "version"], await TakeWrittenAsync(service, userId));

        body["email"] = "new-" + Unique.Letters() + "@example.com";
        body["firstName"] = "Jane";
        await HttpAssert.ExpectAsync(await service.Admin.PutJsonAsync($"/v1/users/{userId}", body), HttpStatusCode.OK);
        Assert.Equal(["email", "first_name", "search_text", "updated_date", "version"], await TakeWrittenAsync(service, userId));

        var read = await service.Admin.GetObjectAsync($"/v1/users/{userId}");
        Assert.Equal(body["email"]!.GetValue<string>(), read["email"]!.GetValue<string>());
        Assert.Equal("Jane", read["firstName"]!.GetValue<string>());
        var found = await service.Admin.GetObjectAsync("/v1/users?searchText=Jane");
        Assert.Contains(found["data"]!.AsArray(), u => u!["userId"]!.GetValue<Guid>() == userId);
    }

    /// <summary>The columns the service's updates of the user set since the last call, sorted; then forgotten.</summary>
    private static async Task<List<string>> TakeWrittenAsync(IsolatedService service, Guid userId)
    {
        var columns = await StoreSql.ScalarAsync(service.Services,
            "SELECT group_concat(DISTINCT column_name) FROM written_columns WHERE upper(user_id) = upper(@id)",
            ("@id", userId.ToString()));
        await StoreSql.ExecuteAsync(service.Services, "DELETE FROM written_columns");
        return columns is string list ? [.. list.Split(',').Order(StringComparer.Ordinal)] : [];
    }
}
