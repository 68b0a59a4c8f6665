using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>
/// POST /api/auth/token is throttled like a user's login, the client id in place of the
/// username: 5 failures per client id from one address, 20 per client id, 20 per address
/// (shared with user logins), an address the client got a token from spared the wide limits.
/// A throttled request checks no secret, so a flood from one address costs 20 hashes at most.
/// </summary>
public sealed class ClientCredentialsThrottleTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Token_AfterFiveWrongSecretsFromOneAddress_Answers429There_WhileTheClientGetsItsTokenElsewhere()
    {
        var company = await app.NewCompanyAsync();
        var (id, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);
        var attacker = ClientAddresses.Next();
        for (var i = 0; i < 5; i++)
        {
            await HttpAssert.ExpectAsync(await At(attacker).RequestTokenAsync(id.ToString(), "wrong-" + i), HttpStatusCode.Unauthorized);
        }

        var throttled = await At(attacker).RequestTokenAsync(id.ToString(), secret);

        await HttpAssert.ExpectErrorAsync(throttled, HttpStatusCode.TooManyRequests);
        Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 15 * 60);
        await HttpAssert.ExpectAsync(await app.CreateClient().RequestTokenAsync(id.ToString(), secret), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Token_FortyParallelBogusRequestsFromOneAddress_CheckOnlyTwentySecrets()
    {
        var watch = new HashWatch();
        await using var instance = app.Sibling(services: s => s.AddSingleton(watch.Hooks));
        var attacker = ClientAddresses.Next();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            FleetUsersApp.ClientAt(instance, attacker).RequestTokenAsync(Guid.NewGuid().ToString(), "bogus")));

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(20, watch.Hashes);
    }

    [StoreFact]
    public async Task Token_GuessesAtOneClientSpreadOverManyAddresses_StopAfterTwenty_ButNotWhereTheClientGotATokenBefore()
    {
        var company = await app.NewCompanyAsync();
        var (id, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);
        var integration = ClientAddresses.Next();
        await HttpAssert.ExpectAsync(await At(integration).RequestTokenAsync(id.ToString(), secret), HttpStatusCode.OK);
        for (var i = 0; i < 20; i++)
        {
            await HttpAssert.ExpectAsync(await app.CreateClient().RequestTokenAsync(id.ToString(), "wrong-" + i), HttpStatusCode.Unauthorized);
        }

        await HttpAssert.ExpectErrorAsync(await app.CreateClient().RequestTokenAsync(id.ToString(), secret), HttpStatusCode.TooManyRequests);
        await HttpAssert.ExpectAsync(await At(integration).RequestTokenAsync(id.ToString(), secret), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Token_FailuresFromAnAddress_CountWithItsFailedLogins()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        var attacker = ClientAddresses.Next();
        for (var i = 0; i < 10; i++)
        {
            await At(attacker).RequestTokenAsync(Guid.NewGuid().ToString(), "bogus");
            await At(attacker).PostJsonAsync("/api/auth/user", new JsonObject { ["username"] = "spray-" + Unique.Suffix(), ["password"] = "Wrong-Pass-1" });
        }

        var response = await At(attacker).PostJsonAsync("/api/auth/user", new JsonObject { ["username"] = user.Username, ["password"] = TestCompany.Password });

        await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.TooManyRequests);
    }

    private HttpClient At(string address) => FleetUsersApp.ClientAt(app.Factory, address);
}
