using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FleetUsers.Api.Tests.Auth.LoginThrottleTests;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>
/// The login throttle's time rules, on instances whose clock the test moves ahead (<see cref="LoginThrottleTests"/> has
/// the rest). Such an instance purges every failure older than the window by its own clock, every other test's too
/// (the tests share one database), so these run in a collection of their own, with no other test running meanwhile.
/// </summary>
[Collection(ClockAheadCollection.Name)]
public sealed class LoginThrottleClockTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Login_Throttled_IsFreeAgainOnceTheOldestFailureLeavesTheWindow_HoweverOftenItWasTriedMeanwhile()
    {
        var user = await UserAsync(app);
        var address = ClientAddresses.Next();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var instance = app.Sibling(services: s => s.AddSingleton<TimeProvider>(clock));
        HttpClient Client() => FleetUsersApp.ClientAt(instance, address);
        for (var i = 0; i < 5; i++)
        {
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(Client(), user.Username, WrongPassword), HttpStatusCode.Unauthorized);
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        var first = await LoginAsync(Client(), user.Username, TestCompany.Password);
        await HttpAssert.ExpectErrorAsync(first, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(50), first.Headers.RetryAfter!.Delta);

        clock.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 10; i++)
        {
            await HttpAssert.ExpectErrorAsync(await LoginAsync(Client(), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
        }
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(51)); // a second before the first failure is 15 minutes old
        await HttpAssert.ExpectErrorAsync(await LoginAsync(Client(), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
        clock.Advance(TimeSpan.FromSeconds(1));

        await HttpAssert.ExpectAsync(await LoginAsync(Client(), user.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Login_FromAnAddressLastUsedLongerAgoThanTheKnownAddressLifetime_GetsNoExemption()
    {
        var user = await UserAsync(app);
        var home = ClientAddresses.Next();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var instance = app.Sibling(services: s => s.AddSingleton<TimeProvider>(clock));
        await HttpAssert.ExpectAsync(await LoginAsync(FleetUsersApp.ClientAt(instance, home), user.Username, TestCompany.Password), HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        for (var i = 0; i < 20; i++)
        {
            await LoginAsync(FleetUsersApp.ClientOf(instance), user.Username, WrongPassword);
        }

        await HttpAssert.ExpectErrorAsync(await LoginAsync(FleetUsersApp.ClientAt(instance, home), user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClockAheadCollection
{
    public const string Name = "An instance's clock moved ahead";
}
