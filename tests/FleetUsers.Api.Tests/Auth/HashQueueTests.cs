using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>
/// Password hashes run one per processor; beyond those, at most Auth:MaxQueuedHashes may wait in
/// each of two queues: anonymous guesses (a credential tried from an address where it has not
/// proved right lately), and everything else. A request whose queue is full answers 503 with
/// Retry-After at once and changes nothing (a login is not counted). Here nothing may wait, and
/// the running hashes are held until the test releases them.
/// </summary>
public sealed class HashQueueTests(FleetUsersApp app)
{
    private const string NewPassword = "Another-Pass-2";
    private static readonly int Processors = Environment.ProcessorCount;

    [StoreFact]
    public async Task Guesses_WhileTheirQueueIsFull_Answer503WithRetryAfter_AndAreServedOnceItEmpties()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        var (clientId, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);
        var (instance, watch, running) = await GuessesHoldingEveryTurnAsync();
        await using var _ = instance;

        var refused = new[]
        {
            await LoginAsync(FleetUsersApp.ClientOf(instance), user.Username, TestCompany.Password),
            await FleetUsersApp.ClientOf(instance).RequestTokenAsync(clientId.ToString(), secret),
        };

        foreach (var response in refused)
        {
            Assert.Equal(["the service is busy; try again in 1 seconds"], await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.ServiceUnavailable));
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }
        Assert.Equal(Processors, watch.Hashes);
        watch.Release();
        Assert.All(await Task.WhenAll(running), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        await HttpAssert.ExpectAsync(await LoginAsync(FleetUsersApp.ClientOf(instance), user.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task WhileGuessesFillTheirQueue_TheOwnerAtAKnownAddressAndAnAdministratorSettingAPassword_AreServed()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        var target = await company.CreateUserAsync(company.RootId);
        var home = ClientAddresses.Next();
        await HttpAssert.ExpectAsync(await LoginAsync(FleetUsersApp.ClientAt(app.Factory, home), user.Username, TestCompany.Password), HttpStatusCode.OK);
        var (instance, watch, running) = await GuessesHoldingEveryTurnAsync();
        await using var _ = instance;

        var owner = LoginAsync(FleetUsersApp.ClientAt(instance, home), user.Username, TestCompany.Password);
        var update = AdminOn(instance, company).PutJsonAsync($"/v1/users/{target.Id}", WithPassword(UserBodies.Update(company.RootId)));
        await watch.WaitForQueuedAsync(Processors + 2); // both let in while the guesses hold every turn
        await HttpAssert.ExpectErrorAsync(await LoginAsync(FleetUsersApp.ClientOf(instance), user.Username, TestCompany.Password), HttpStatusCode.ServiceUnavailable);
        watch.Release();

        await HttpAssert.ExpectAsync(await owner, HttpStatusCode.OK);
        await HttpAssert.ExpectAsync(await update, HttpStatusCode.OK);
        await Task.WhenAll(running);
    }

    [StoreFact]
    public async Task PasswordChanges_WhileTheirQueueIsFull_Answer503_AndChangeNothing()
    {
        var company = await app.NewCompanyAsync();
        var targets = new List<TestUser>();
        for (var i = 0; i <= Processors; i++)
        {
            targets.Add(await company.CreateUserAsync(company.RootId));
        }
        var before = await company.GetUserAsync(targets[^1].Id);
        var watch = new HashWatch();
        watch.Hold();
        await using var instance = app.Sibling(new Dictionary<string, string?> { ["Auth:MaxQueuedHashes"] = "0" }, s => s.AddSingleton(watch.Hooks));
        var admin = AdminOn(instance, company);
        var running = targets.Take(Processors).Select(t => admin.PutJsonAsync($"/v1/users/{t.Id}", WithPassword(UserBodies.Update(company.RootId)))).ToArray();
        await watch.WaitForHashesAsync(Processors);

        var refused = new[]
        {
            await admin.PutJsonAsync($"/v1/users/{targets[^1].Id}", WithPassword(UserBodies.Update(company.RootId))),
            await admin.PostJsonAsync("/v1/users", WithPassword(UserBodies.Create(company.RootId))),
        };

        foreach (var response in refused)
        {
            await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }
        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(targets[^1].Id)).ToJsonString());
        watch.Release();
        Assert.All(await Task.WhenAll(running), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [StoreFact]
    public async Task Login_TurnedAwayByAFullQueue_IsNotCountedAsAFailure()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        var address = ClientAddresses.Next();
        var (instance, watch, running) = await GuessesHoldingEveryTurnAsync(new() { ["Login:MaxFailuresPerUsernameAndAddress"] = "1" });
        await using var _ = instance;

        await HttpAssert.ExpectErrorAsync(await LoginAsync(FleetUsersApp.ClientAt(instance, address), user.Username, "Wrong-Pass-1"), HttpStatusCode.ServiceUnavailable);
        watch.Release();
        await Task.WhenAll(running);

        await HttpAssert.ExpectEmptyAsync(await LoginAsync(FleetUsersApp.ClientAt(instance, address), user.Username, "Wrong-Pass-1"), HttpStatusCode.Unauthorized);
        await HttpAssert.ExpectErrorAsync(await LoginAsync(FleetUsersApp.ClientAt(instance, address), user.Username, "Wrong-Pass-1"), HttpStatusCode.TooManyRequests);
    }

    [StoreFact]
    public void Start_WithANegativeQueueBound_Fails()
    {
        using var instance = app.Sibling(new Dictionary<string, string?> { ["Auth:MaxQueuedHashes"] = "-1" });

        var failure = Assert.ThrowsAny<Exception>(() => instance.Server);

        Assert.Contains("Auth:MaxQueuedHashes", Describe(failure), StringComparison.Ordinal);
    }

    /// <summary>
    /// An instance where no hash may wait, with one bogus client-credentials request per processor
    /// holding every turn (each from its own address, so no throttle is involved): guesses.
    /// </summary>
    private async Task<(WebApplicationFactory<Program> Instance, HashWatch Watch, Task<HttpResponseMessage>[] Running)> GuessesHoldingEveryTurnAsync(
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

    private static HttpClient AdminOn(WebApplicationFactory<Program> instance, TestCompany company) =>
        FleetUsersApp.ClientOf(instance, company.Admin.DefaultRequestHeaders.Authorization!.Parameter);

    private static JsonObject WithPassword(JsonObject body)
    {
        body["password"] = NewPassword;
        return body;
    }

    private static string Describe(Exception e) => e.InnerException is null ? e.Message : e.Message + " / " + Describe(e.InnerException);

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password) =>
        client.PostJsonAsync("/api/auth/user", new JsonObject { ["username"] = username, ["password"] = password });
}
