using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Resilience;

/// <summary>
/// Two FleetUsers server processes on different loopback ports, one PostgreSQL database and
/// one signing key: a company that outgrows one machine. The instances keep no state of
/// their own, so a token from one works on the other and every read sees the latest write.
/// </summary>
public sealed class MultiInstanceTests(PostgresApp app)
{
    [StoreFact(Only = "postgres")]
    public async Task TwoInstances_ShareTokensAndEveryReadSeesTheLatestWrite()
    {
        _ = app.Factory; // skips without PostgreSQL (fails under CI)
        var database = "fleetusers_multi_" + Unique.Suffix();
        var settings = new Dictionary<string, string?>(await PostgresApp.CreateDatabaseAsync(database))
        {
            ["Auth:SigningKey"] = app.SigningKey,
            ["Auth:Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
            ["Auth:Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
            ["Bootstrap:AdminUsername"] = "multi-" + Unique.Suffix(),
            ["Bootstrap:AdminPassword"] = "Multi-Pass-123",
            ["Bootstrap:DemoData"] = "true",
        };
        try
        {
            // Both start at once on the empty database: migrations and bootstrap must not collide.
            await using var first = ServerProcess.Start(settings);
            await using var second = ServerProcess.Start(settings);
            await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)));

            using var a = first.CreateClient();
            using var b = second.CreateClient();
            var token = await first.TokenAsync(settings["Bootstrap:AdminUsername"]!, settings["Bootstrap:AdminPassword"]!);
            foreach (var client in new[] { a, b })
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            // A token issued by the first instance is accepted by the second; both see one company.
            var groupsOnB = await HttpAssert.ReadObjectAsync(await b.GetAsync("/v1/groups"));
            var groupsOnA = await HttpAssert.ReadObjectAsync(await a.GetAsync("/v1/groups"));
            Assert.Equal(6, groupsOnB["metadata"]!["count"]!.GetValue<int>());
            Assert.Equal(groupsOnA.ToJsonString(), groupsOnB.ToJsonString());
            var root = groupsOnB["groups"]!.AsArray().Single(g => g!["parentId"] is null)!["id"]!.GetValue<Guid>();

            var created = await b.PostAsync("/v1/users", Json.Content(UserBodies.Create(root)));
            await HttpAssert.ExpectAsync(created, HttpStatusCode.Created);
            var userId = (await HttpAssert.ReadObjectAsync(created))["userId"]!.GetValue<string>();

            for (var round = 0; round < 10; round++)
            {
                var writer = round % 2 == 0 ? a : b;
                var body = UserBodies.Update(root);
                body["firstName"] = $"Round{round}";
                var put = await writer.PutJsonAsync($"/v1/users/{userId}", body);
                await HttpAssert.ExpectAsync(put, HttpStatusCode.OK);
                var etag = put.Headers.ETag!.ToString();

                foreach (var reader in new[] { a, b })
                {
                    var read = await reader.GetAsync($"/v1/users/{userId}");
                    await HttpAssert.ExpectAsync(read, HttpStatusCode.OK);
                    Assert.Equal($"Round{round}", (await HttpAssert.ReadObjectAsync(read))["firstName"]!.GetValue<string>());
                    Assert.Equal(etag, read.Headers.ETag!.ToString());
                }
            }

            // A tree change on one instance shows on the other at once (each keeps trees in memory, checked by version).
            var newGroup = await a.PostAsync("/v1/groups", Json.Content(new JsonObject { ["name"] = "Depot", ["parentId"] = root }));
            await HttpAssert.ExpectAsync(newGroup, HttpStatusCode.Created);
            var depot = (await HttpAssert.ReadObjectAsync(newGroup))["id"]!.GetValue<Guid>();
            await HttpAssert.ExpectAsync(await b.PutJsonAsync($"/v1/users/{userId}", UserBodies.Update(depot)), HttpStatusCode.OK);
            Assert.Equal("Depot", await GroupNameOfAsync(b, userId));
            await HttpAssert.ExpectAsync(await a.PutJsonAsync($"/v1/groups/{depot}",
                new JsonObject { ["name"] = "Renamed Depot", ["description"] = null, ["parentId"] = root }), HttpStatusCode.OK);
            Assert.Equal("Renamed Depot", await GroupNameOfAsync(b, userId));

            // An If-Match taken on one instance guards a write on the other.
            var stale = (await a.GetAsync($"/v1/users/{userId}")).Headers.ETag!.ToString();
            await HttpAssert.ExpectAsync(await a.PutJsonAsync($"/v1/users/{userId}", UserBodies.Update(root)), HttpStatusCode.OK);
            await HttpAssert.ExpectErrorAsync(await b.PutJsonAsync($"/v1/users/{userId}", UserBodies.Update(root), ifMatch: stale),
                HttpStatusCode.PreconditionFailed);
        }
        finally
        {
            await PostgresApp.DropDatabaseAsync(database);
        }
    }

    private static async Task<string> GroupNameOfAsync(HttpClient client, string userId) =>
        (await HttpAssert.ReadObjectAsync(await client.GetAsync($"/v1/users/{userId}")))["groupRoles"]![0]!["groupName"]!.GetValue<string>();
}
