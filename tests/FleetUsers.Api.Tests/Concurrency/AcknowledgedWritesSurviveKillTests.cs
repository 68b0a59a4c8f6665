using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Concurrency;

/// <summary>
/// Nothing is acknowledged before it is committed: a SQLite service killed (SIGKILL) in the middle of a
/// burst of creates, its batches open, has every user it answered 201 for in the file when it starts again.
/// </summary>
public sealed class AcknowledgedWritesSurviveKillTests
{
    private const int Writers = 16;
    private const int AcknowledgedBeforeKill = 150;

    [Fact]
    public async Task AServiceKilledDuringABurstOfWrites_HasEveryAcknowledgedWriteAfterRestart()
    {
        using var directory = new TemporaryDirectory();
        const string admin = "durable-admin", password = "Durable-Pass-123";
        var settings = new Dictionary<string, string?>(SqliteApp.Settings(directory.Path))
        {
            ["Auth:Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
            ["Auth:Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
            ["Bootstrap:AdminUsername"] = admin,
            ["Bootstrap:AdminPassword"] = password,
            ["Bootstrap:DemoData"] = "false",
        };
        var acknowledged = new ConcurrentBag<Guid>();
        var service = ServerProcess.Start(settings, directory.Path);
        var killed = false;
        try
        {
            await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            using var client = await service.LoginAsync(admin, password);
            var root = GroupBodies.Id((await client.GetObjectAsync("/v1/groups"))["groups"]![0]!);
            using var enough = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var response = await client.PostJsonAsync("/v1/users", UserBodies.Create(root));
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add(Guid.Parse((await HttpAssert.ReadObjectAsync(response))["userId"]!.GetValue<string>()));
                            if (acknowledged.Count >= AcknowledgedBeforeKill)
                            {
                                await enough.CancelAsync();
                            }
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // the service is gone
                }
            })).ToList();
            await Task.Delay(Timeout.Infinite, enough.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            await service.DisposeAsync(); // SIGKILL, writes in flight
            killed = true;
            await Task.WhenAll(writers);
        }
        finally
        {
            if (!killed)
            {
                await service.DisposeAsync();
            }
        }

        await using var restarted = ServerProcess.Start(settings, directory.Path);
        await restarted.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using var reader = await restarted.LoginAsync(admin, password);
        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill);
        foreach (var id in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/users/{id}")).StatusCode);
        }
    }
}
