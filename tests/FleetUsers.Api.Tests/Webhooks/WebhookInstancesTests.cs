using System.Net;
using System.Net.Http.Headers;
using FleetUsers.Api.Tests.Events;
using FleetUsers.Api.Tests.Hosting;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Webhooks;

/// <summary>
/// Two server processes on one PostgreSQL database share the deliveries (leases taken with FOR UPDATE
/// SKIP LOCKED): every event reaches every endpoint, in feed order, by webhook-id; one instance killed
/// (SIGKILL) in the middle of deliveries loses nothing and repeats at most what it had in flight.
/// </summary>
public sealed class WebhookInstancesTests(PostgresApp app)
{
    private const int Endpoints = 4;
    private const int Changes = 200;

    [StoreFact(Only = "postgres")]
    public async Task TwoInstances_ShareTheDeliveries_EachEventOncePerEndpoint_AndAKilledOneLosesNothing()
    {
        _ = app.Factory; // skips without PostgreSQL (fails under CI)
        var database = "fleetusers_hooks_" + Unique.Suffix();
        var settings = new Dictionary<string, string?>(await PostgresApp.CreateDatabaseAsync(database))
        {
            ["Auth:SigningKey"] = app.SigningKey,
            ["Auth:Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
            ["Auth:Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
            ["Bootstrap:AdminUsername"] = "hooks-" + Unique.Suffix(),
            ["Bootstrap:AdminPassword"] = "Hooks-Pass-123",
            ["Bootstrap:DemoData"] = "false",
            ["Storage:CommandTimeoutSeconds"] = "30", // the shared machine may be slow to connect
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Webhooks:StartDelaySeconds"] = "0",
            ["Webhooks:PollMilliseconds"] = "100",
            ["Webhooks:Workers"] = "2",
            ["Webhooks:TimeoutSeconds"] = "5",
            ["Webhooks:LeaseSeconds"] = "10",
            ["Webhooks:FirstRetrySeconds"] = "1",
            ["Webhooks:MaxRetrySeconds"] = "2",
        };
        var receivers = new List<Receiver>();
        var first = ServerProcess.Start(settings);
        var second = ServerProcess.Start(settings);
        var secondKilled = false;
        try
        {
            await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)));
            var token = await first.TokenAsync(settings["Bootstrap:AdminUsername"]!, settings["Bootstrap:AdminPassword"]!);
            using var a = first.CreateClient();
            using var b = second.CreateClient();
            foreach (var client in new[] { a, b })
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            var root = GroupBodies.Id((await a.GetObjectAsync("/v1/groups"))["groups"]![0]!);
            for (var i = 0; i < Endpoints; i++)
            {
                var receiver = await Receiver.StartAsync();
                receiver.Delay = TimeSpan.FromMilliseconds(20); // deliveries stay in flight a while
                receivers.Add(receiver);
                await WebhookCalls.CreateAsync(a, receiver.Url, "user.created");
            }

            await WriteUsersAsync([a, b], root, Changes / 2);
            // Both instances deliver: each holds at most Workers endpoints at once, so neither can take all four.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && (await SucceededAsync(first) == 0 || await SucceededAsync(second) == 0))
            {
                await Task.Delay(200);
            }
            Assert.True(await SucceededAsync(first) > 0, "the first instance delivered nothing");
            Assert.True(await SucceededAsync(second) > 0, "the second instance delivered nothing");
            await second.DisposeAsync(); // SIGKILL, deliveries in flight
            secondKilled = true;
            await WriteUsersAsync([a], root, Changes / 2);

            var feed = (await EventFeedReader.ReadUntilAsync(a, e => e.Count >= Changes, types: "user.created"))
                .Select(e => e["id"]!.GetValue<string>()).ToList();
            Assert.Equal(Changes, feed.Count);
            foreach (var receiver in receivers)
            {
                var accepted = await receiver.WaitForAsync(r => r.Select(x => x.Id).Distinct().Count() >= Changes, TimeSpan.FromMinutes(3));
                var ids = accepted.Select(r => r.Id!).ToList();
                Assert.Equal(feed, ids.Distinct()); // every event, in feed order (a repeat comes right after its first arrival)
                // Repeats: the one in flight when the instance died, and on a loaded machine an attempt that timed out
                // after the receiver had it (at least once); never more than a few.
                Assert.True(ids.Count - Changes <= 3, $"{ids.Count - Changes} repeated");
            }
        }
        finally
        {
            await first.DisposeAsync();
            if (!secondKilled)
            {
                await second.DisposeAsync();
            }
            foreach (var receiver in receivers)
            {
                await receiver.DisposeAsync();
            }
            await PostgresApp.DropDatabaseAsync(database);
        }
    }

    private static async Task WriteUsersAsync(HttpClient[] clients, Guid root, int count) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            await HttpAssert.ExpectAsync(await clients[i % clients.Length].PostAsync("/v1/users", Json.Content(UserBodies.Create(root))),
                HttpStatusCode.Created));

    private static async Task<double> SucceededAsync(ServerProcess server) =>
        MetricsTests.Sample(await MetricsTests.ScrapeAsync(server), "fleetusers_webhooks_deliveries_total", ("outcome", "succeeded"));
}
