using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>
/// Login throttling, at the defaults: 5 failures for one username from one client address,
/// 20 for one username from all addresses, or 20 from one address for any usernames, within 15
/// minutes answer 429 with Retry-After until the oldest of them ages out; never for longer. An
/// address the username logged in from lately is spared the two wide limits. Every
/// <see cref="FleetUsersApp.CreateClient"/> has an address of its own; <see cref="At"/> pins one.
/// </summary>
public sealed class LoginThrottleTests(FleetUsersApp app)
{
    internal const string WrongPassword = "Wrong-Pass-1";

    [StoreFact]
    public async Task Login_AfterFiveFailuresForOneUsernameFromOneAddress_Answers429ThereWithRetryAfter_EvenWithTheRightPassword()
    {
        var user = await UserAsync();
        var attacker = ClientAddresses.Next();
        for (var i = 0; i < 5; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(At(attacker), user.Username, WrongPassword), HttpStatusCode.Unauthorized);
        }

        var response = await LoginAsync(At(attacker), user.Username, TestCompany.Password);

        var messages = await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.TooManyRequests);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 15 * 60);
        Assert.Equal($"too many failed logins; try again in {retryAfter.Value.TotalSeconds} seconds", Assert.Single(messages));
    }

    [StoreFact]
    public async Task Login_ThrottledAtAStrangersAddress_LeavesTheOwnerLoggingInFromAnother()
    {
        var user = await UserAsync();
        var attacker = ClientAddresses.Next();
        for (var i = 0; i < 10; i++)
        {
            await LoginAsync(At(attacker), user.Username, WrongPassword);
        }
        await HttpAssert.ExpectErrorAsync(await LoginAsync(At(attacker), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);

        await HttpAssert.ExpectAsync(await LoginAsync(app.CreateClient(), user.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Login_TwentyParallelGuessesForOneUsernameFromOneAddress_CheckOnlyFivePasswords()
    {
        var user = await UserAsync();
        var attacker = ClientAddresses.Next();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => LoginAsync(At(attacker), user.Username, WrongPassword)));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [StoreFact]
    public async Task Login_GuessesSpreadOverManyAddresses_StopAfterTwentyForTheUsername()
    {
        var user = await UserAsync();
        for (var i = 0; i < 20; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(app.CreateClient(), user.Username, WrongPassword), HttpStatusCode.Unauthorized);
        }

        await HttpAssert.ExpectErrorAsync(await LoginAsync(app.CreateClient(), user.Username, WrongPassword), HttpStatusCode.TooManyRequests);
        await HttpAssert.ExpectErrorAsync(await LoginAsync(app.CreateClient(), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
    }

    [StoreFact]
    public async Task Login_FortyParallelGuessesFromFortyAddresses_CheckOnlyTwentyPasswords()
    {
        var user = await UserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => LoginAsync(app.CreateClient(), user.Username, WrongPassword)));

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [StoreFact]
    public async Task Login_AfterGuessesSpreadOverManyAddresses_TheOwnerStillLogsInWhereItLoggedInBefore()
    {
        var user = await UserAsync();
        var home = ClientAddresses.Next();
        await HttpAssert.ExpectAsync(await LoginAsync(At(home), user.Username, TestCompany.Password), HttpStatusCode.OK);
        for (var i = 0; i < 25; i++)
        {
            await LoginAsync(app.CreateClient(), user.Username, WrongPassword);
        }
        await HttpAssert.ExpectErrorAsync(await LoginAsync(app.CreateClient(), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);

        await HttpAssert.ExpectAsync(await LoginAsync(At(home), user.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Login_ThatSucceeds_DoesNotWipeTheUsernamesFailuresFromOtherAddresses()
    {
        var user = await UserAsync();
        for (var i = 0; i < 19; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(app.CreateClient(), user.Username, WrongPassword), HttpStatusCode.Unauthorized);
        }
        await HttpAssert.ExpectAsync(await LoginAsync(app.CreateClient(), user.Username, TestCompany.Password), HttpStatusCode.OK);
        await HttpAssert.ExpectEmptyAsync(await LoginAsync(app.CreateClient(), user.Username, WrongPassword), HttpStatusCode.Unauthorized);

        await HttpAssert.ExpectErrorAsync(await LoginAsync(app.CreateClient(), user.Username, WrongPassword), HttpStatusCode.TooManyRequests);
    }

    [StoreFact]
    public async Task Login_FromOneIpv6Network_CountsEveryAddressOfIts64Together()
    {
        var user = await UserAsync();
        var network = ClientAddresses.NextIpv6Network();
        for (var i = 1; i <= 5; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(At($"{network}:{i:x}::{i:x}"), user.Username, WrongPassword), HttpStatusCode.Unauthorized);
        }

        await HttpAssert.ExpectErrorAsync(await LoginAsync(At($"{network}:ffff:ffff:ffff:ffff"), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
        await HttpAssert.ExpectAsync(await LoginAsync(At($"{ClientAddresses.NextIpv6Network()}::1"), user.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Login_UnknownUsername_IsThrottledLikeAKnownOne()
    {
        var unknown = "nobody-" + Unique.Suffix();
        var attacker = ClientAddresses.Next();
        for (var i = 0; i < 5; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(At(attacker), unknown, WrongPassword), HttpStatusCode.Unauthorized);
        }

        await HttpAssert.ExpectErrorAsync(await LoginAsync(At(attacker), unknown, WrongPassword), HttpStatusCode.TooManyRequests);
    }

    [StoreFact]
    public async Task Login_AfterTwentyFailuresFromOneAddress_Answers429ForAnyUsername_WhileOtherAddressesLogIn()
    {
        var user = await UserAsync();
        var attacker = app.CreateClient();
        for (var i = 0; i < 20; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(attacker, "spray-" + Unique.Suffix(), WrongPassword), HttpStatusCode.Unauthorized);
        }

        await HttpAssert.ExpectErrorAsync(await LoginAsync(attacker, user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
        await HttpAssert.ExpectAsync(await LoginAsync(app.CreateClient(), user.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Login_AfterTwentyFailuresFromOneAddress_StillLetsInAUserWhoLoggedInFromThere()
    {
        var regular = await UserAsync();
        var newcomer = await UserAsync();
        var office = ClientAddresses.Next();
        await HttpAssert.ExpectAsync(await LoginAsync(At(office), regular.Username, TestCompany.Password), HttpStatusCode.OK);
        for (var i = 0; i < 20; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(At(office), "spray-" + Unique.Suffix(), WrongPassword), HttpStatusCode.Unauthorized);
        }

        await HttpAssert.ExpectErrorAsync(await LoginAsync(At(office), newcomer.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
        await HttpAssert.ExpectAsync(await LoginAsync(At(office), regular.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Login_ThatSucceeds_ForgetsTheUsernamesFailuresAtThatAddress()
    {
        var user = await UserAsync();
        var address = ClientAddresses.Next();
        for (var i = 0; i < 4; i++)
        {
            await LoginAsync(At(address), user.Username, WrongPassword);
        }
        await HttpAssert.ExpectAsync(await LoginAsync(At(address), user.Username, TestCompany.Password), HttpStatusCode.OK);

        for (var i = 0; i < 4; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(At(address), user.Username, WrongPassword), HttpStatusCode.Unauthorized);
        }
        await HttpAssert.ExpectAsync(await LoginAsync(At(address), user.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Login_ThatSucceeds_CountsAsNoFailureOfTheAddress()
    {
        var user = await UserAsync();
        var client = app.CreateClient();
        for (var i = 0; i < 20; i++)
        {
            await HttpAssert.ExpectAsync(await LoginAsync(client, user.Username, TestCompany.Password), HttpStatusCode.OK);
        }

        await HttpAssert.ExpectEmptyAsync(await LoginAsync(client, "spray-" + Unique.Suffix(), WrongPassword), HttpStatusCode.Unauthorized);
    }

    [StoreFact]
    public async Task Login_FailuresOnEveryInstanceSharingTheDatabaseCountTogether()
    {
        var user = await UserAsync();
        var attacker = ClientAddresses.Next();
        await using var other = app.Sibling();
        for (var i = 0; i < 5; i++)
        {
            var client = FleetUsersApp.ClientAt(i % 2 == 0 ? app.Factory : other, attacker);
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(client, user.Username, WrongPassword), HttpStatusCode.Unauthorized);
        }

        await HttpAssert.ExpectErrorAsync(await LoginAsync(FleetUsersApp.ClientAt(other, attacker), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
        await HttpAssert.ExpectErrorAsync(await LoginAsync(At(attacker), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
    }

    private HttpClient At(string address) => FleetUsersApp.ClientAt(app.Factory, address);

    private Task<TestUser> UserAsync() => UserAsync(app);

    internal static async Task<TestUser> UserAsync(FleetUsersApp app)
    {
        var company = await app.NewCompanyAsync();
        return await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
    }

    internal static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password) =>
        client.PostJsonAsync("/api/auth/user", new JsonObject { ["username"] = username, ["password"] = password });
}
