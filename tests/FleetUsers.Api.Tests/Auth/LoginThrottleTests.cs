using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FleetUsers.Api.Tests.Auth;

public sealed class LoginThrottleTestsOnSqlite(SqliteApp app) : LoginThrottleTests(app);

public sealed class LoginThrottleTestsOnPostgres(PostgresApp app) : LoginThrottleTests(app);

/// <summary>
/// Login throttling: 5 failures for one username, or 20 from one client address, within 15
/// minutes answer 429 with Retry-After until the oldest of them ages out; never for longer.
/// Every <see cref="FleetUsersApp.CreateClient"/> has an address of its own.
/// </summary>
public abstract class LoginThrottleTests(FleetUsersApp app)
{
    private const string WrongPassword = "Wrong-Pass-1";

    [Fact]
    public async Task Login_AfterFiveFailuresForOneUsername_Answers429WithRetryAfter_EvenWithTheRightPassword()
    {
        var user = await UserAsync();
        for (var i = 0; i < 5; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(app.CreateClient(), user.Username, WrongPassword), HttpStatusCode.Unauthorized);
        }

        var response = await LoginAsync(app.CreateClient(), user.Username, TestCompany.Password);

        var messages = await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.TooManyRequests);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 15 * 60);
        Assert.Equal($"too many failed logins; try again in {retryAfter.Value.TotalSeconds} seconds", Assert.Single(messages));
    }

    [Fact]
    public async Task Login_TwentyParallelGuessesForOneUsername_CheckOnlyFivePasswords()
    {
        var user = await UserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => LoginAsync(app.CreateClient(), user.Username, WrongPassword)));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Login_ThrottledForOneUsername_LeavesOtherUsernamesAlone()
    {
        var user = await UserAsync();
        var other = await UserAsync();
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(app.CreateClient(), user.Username, WrongPassword);
        }

        await HttpAssert.ExpectAsync(await LoginAsync(client, other.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_UnknownUsername_IsThrottledLikeAKnownOne()
    {
        var unknown = "nobody-" + Unique.Suffix();
        for (var i = 0; i < 5; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(app.CreateClient(), unknown, WrongPassword), HttpStatusCode.Unauthorized);
        }

        await HttpAssert.ExpectErrorAsync(await LoginAsync(app.CreateClient(), unknown, WrongPassword), HttpStatusCode.TooManyRequests);
    }

    [Fact]
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

    [Fact]
    public async Task Login_ThatSucceeds_ForgetsTheUsernamesFailures()
    {
        var user = await UserAsync();
        for (var i = 0; i < 4; i++)
        {
            await LoginAsync(app.CreateClient(), user.Username, WrongPassword);
        }
        await HttpAssert.ExpectAsync(await LoginAsync(app.CreateClient(), user.Username, TestCompany.Password), HttpStatusCode.OK);

        for (var i = 0; i < 4; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(app.CreateClient(), user.Username, WrongPassword), HttpStatusCode.Unauthorized);
        }
        await HttpAssert.ExpectAsync(await LoginAsync(app.CreateClient(), user.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    [Fact]
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

    [Fact]
    public async Task Login_FailuresOnEveryInstanceSharingTheDatabaseCountTogether()
    {
        var user = await UserAsync();
        await using var other = app.Sibling();
        for (var i = 0; i < 5; i++)
        {
            var client = i % 2 == 0 ? app.CreateClient() : FleetUsersApp.ClientOf(other);
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(client, user.Username, WrongPassword), HttpStatusCode.Unauthorized);
        }

        await HttpAssert.ExpectErrorAsync(await LoginAsync(FleetUsersApp.ClientOf(other), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
        await HttpAssert.ExpectErrorAsync(await LoginAsync(app.CreateClient(), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Login_Throttled_IsFreeAgainOnceTheOldestFailureLeavesTheWindow_HoweverOftenItWasTriedMeanwhile()
    {
        var user = await UserAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var instance = app.Sibling(services: s => s.AddSingleton<TimeProvider>(clock));
        for (var i = 0; i < 5; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(FleetUsersApp.ClientOf(instance), user.Username, WrongPassword), HttpStatusCode.Unauthorized);
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        var first = await LoginAsync(FleetUsersApp.ClientOf(instance), user.Username, TestCompany.Password);
        await HttpAssert.ExpectErrorAsync(first, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(50), first.Headers.RetryAfter!.Delta);

        clock.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 10; i++)
        {
            await HttpAssert.ExpectErrorAsync(await LoginAsync(FleetUsersApp.ClientOf(instance), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
        }
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(51)); // a second before the first failure is 15 minutes old
        await HttpAssert.ExpectErrorAsync(await LoginAsync(FleetUsersApp.ClientOf(instance), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
        clock.Advance(TimeSpan.FromSeconds(1));

        await HttpAssert.ExpectAsync(await LoginAsync(FleetUsersApp.ClientOf(instance), user.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    private async Task<TestUser> UserAsync()
    {
        var company = await app.NewCompanyAsync();
        return await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
    }


    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password) =>
        client.PostJsonAsync("/api/auth/user", new JsonObject { ["username"] = username, ["password"] = password });
}
