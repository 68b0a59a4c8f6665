using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Auth;

public sealed class HashQueueTestsOnSqlite(SqliteApp app) : HashQueueTests(app);

public sealed class HashQueueTestsOnPostgres(PostgresApp app) : HashQueueTests(app);

/// <summary>
/// Password hashes run one per processor, and at most Auth:MaxQueuedHashes more may wait:
/// past that a request that would hash answers 503 with Retry-After at once, and changes
/// nothing (a login is not counted). Here no hash may wait, and the running ones are held.
/// </summary>
public abstract class HashQueueTests(FleetUsersApp app)
{
    private static readonly int Processors = Environment.ProcessorCount;

    [Fact]
    public async Task EveryRequestThatWouldHash_WhileTheQueueIsFull_Answers503WithRetryAfter_AndIsServedOnceItEmpties()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        var (clientId, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);
        var before = await company.GetUserAsync(user.Id);
        var (instance, watch, running) = await FullQueueAsync();
        await using var _ = instance;
        var admin = FleetUsersApp.ClientOf(instance, company.Admin.DefaultRequestHeaders.Authorization!.Parameter);
        var update = UserBodies.Update(company.RootId, RoleCatalog.Coach);
        update["password"] = "Another-Pass-2";
        var create = UserBodies.Create(company.RootId);
        create["password"] = "Another-Pass-2";

        var refused = new[]
        {
            await LoginAsync(FleetUsersApp.ClientOf(instance), user.Username, TestCompany.Password),
            await FleetUsersApp.ClientOf(instance).RequestTokenAsync(clientId.ToString(), secret),
            await admin.PutJsonAsync($"/v1/users/{user.Id}", update),
            await admin.PostJsonAsync("/v1/users", create),
        };

        foreach (var response in refused)
        {
            Assert.Equal(["the service is busy; try again in 1 seconds"], await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.ServiceUnavailable));
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }
        Assert.Equal(Processors, watch.Hashes);
        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(user.Id)).ToJsonString());
        watch.Release();
        Assert.All(await Task.WhenAll(running), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        await HttpAssert.ExpectAsync(await LoginAsync(FleetUsersApp.ClientOf(instance), user.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_TurnedAwayByAFullQueue_IsNotCountedAsAFailure()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        var address = ClientAddresses.Next();
        var (instance, watch, running) = await FullQueueAsync(new() { ["Login:MaxFailuresPerUsernameAndAddress"] = "1" });
        await using var _ = instance;

        await HttpAssert.ExpectErrorAsync(await LoginAsync(FleetUsersApp.ClientAt(instance, address), user.Username, "Wrong-Pass-1"), HttpStatusCode.ServiceUnavailable);
        watch.Release();
        await Task.WhenAll(running);

        await HttpAssert.ExpectEmptyAsync(await LoginAsync(FleetUsersApp.ClientAt(instance, address), user.Username, "Wrong-Pass-1"), HttpStatusCode.Unauthorized);
        await HttpAssert.ExpectErrorAsync(await LoginAsync(FleetUsersApp.ClientAt(instance, address), user.Username, "Wrong-Pass-1"), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public void Start_WithANegativeQueueBound_Fails()
    {
        using var instance = app.Sibling(new Dictionary<string, string?> { ["Auth:MaxQueuedHashes"] = "-1" });

        var failure = Assert.ThrowsAny<Exception>(() => instance.Server);

        Assert.Contains("Auth:MaxQueuedHashes", Describe(failure), StringComparison.Ordinal);
    }

    /// <summary>
    /// An instance where no hash may wait, with one bogus client-credentials request per processor
    /// holding every turn (each from its own address, so no throttle is involved).
    /// </summary>
    private async Task<(WebApplicationFactory<Program> Instance, HashWatch Watch, Task<HttpResponseMessage>[] Running)> FullQueueAsync(
        Dictionary<string, string?>? settings = null)
    {
        var watch = new HashWatch();
        watch.Hold();
        settings ??= [];
        settings["Auth:MaxQueuedHashes"] = "0";
        var instance = app.Sibling(settings, s => s.AddSingleton(watch.Hooks));
        var running = Enumerable.Range(0, Processors)
            .Select(_ => FleetUsersApp.ClientOf(instance).RequestTokenAsync(Guid.NewGuid().ToString(), "bogus"))
            .ToArray();
        await watch.WaitForHashesAsync(Processors);
        return (instance, watch, running);
    }

    private static string Describe(Exception e) => e.InnerException is null ? e.Message : e.Message + " / " + Describe(e.InnerException);

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password) =>
        client.PostJsonAsync("/api/auth/user", new JsonObject { ["username"] = username, ["password"] = password });
}
