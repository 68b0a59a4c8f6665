using FleetUsers.Application.Ports;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using FleetUsers.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>
/// Credentials that were good once: a token past its lifetime by the service's own clock, a
/// token of a user deleted since, a token of one company aimed at another's ids.
/// (Forged, tampered, unsigned and mis-addressed tokens are in <see cref="LoginTests"/>.)
/// </summary>
public sealed class CredentialTests(FleetUsersApp app)
{
    private const string ProbePath = "/v1/users/roles";

    [StoreFact]
    public async Task Token_IsAcceptedForItsLifetime_ThenRefusedByTheServicesClock()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var instance = app.Sibling(services: s => s.AddSingleton<TimeProvider>(clock));
        var client = await LoginAsync(instance, user.Username);

        await HttpAssert.ExpectAsync(await client.GetAsync(ProbePath), HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(59));
        await HttpAssert.ExpectAsync(await client.GetAsync(ProbePath), HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(20));
        await HttpAssert.ExpectAsync(await client.GetAsync(ProbePath), HttpStatusCode.OK); // within the 30 s of clock skew
        clock.Advance(TimeSpan.FromSeconds(11));

        var response = await client.GetAsync(ProbePath);
        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [StoreFact]
    public async Task Token_NotYetValidByTheServicesClock_Returns401()
    {
        // The service's clock is an hour behind the system's: a token issued now is from its future.
        var company = await app.NewCompanyAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        await using var instance = app.Sibling(services: s => s.AddSingleton<TimeProvider>(clock));
        var token = Tokens.Signed(new TokenSpec(company.AdminId, company.CompanyId), app.SigningKey);

        await HttpAssert.ExpectEmptyAsync(await FleetUsersApp.ClientOf(instance, token).GetAsync(ProbePath), HttpStatusCode.Unauthorized);
        clock.Advance(TimeSpan.FromHours(1));
        await HttpAssert.ExpectAsync(await FleetUsersApp.ClientOf(instance, token).GetAsync(ProbePath), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Token_OfAUserDeletedSinceItWasIssued_Returns401OnTheNextRequest()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Administrator, TestCompany.Password);
        var client = await app.LoginAsync(user.Username, TestCompany.Password);
        await HttpAssert.ExpectAsync(await client.GetAsync($"/v1/users/{company.AdminId}"), HttpStatusCode.OK);

        await using (var session = await app.Services.GetRequiredService<IDatabase>().BeginAsync(write: true, CancellationToken.None))
        {
            Assert.True(await session.Users.DeleteAsync(company.CompanyId, user.Id, CancellationToken.None));
            await session.CommitAsync(CancellationToken.None);
        }

        var response = await client.GetAsync($"/v1/users/{company.AdminId}");
        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        await HttpAssert.ExpectEmptyAsync(await client.PutJsonAsync($"/v1/users/{company.AdminId}", UserBodies.Update(company.RootId)), HttpStatusCode.Unauthorized);
    }

    [StoreFact]
    public async Task Token_OfAnotherCompany_OnThisCompanysIds_Returns404Everywhere_AndChangesNothing()
    {
        var company = await app.NewCompanyAsync();
        var stranger = await app.NewCompanyAsync();
        var employeeId = "E-" + Unique.Suffix();
        var user = await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = employeeId);
        var before = await company.GetUserAsync(user.Id);
        var requests = new (HttpMethod Method, string Path, JsonNode? Body)[]
        {
            (HttpMethod.Get, $"/v1/users/{user.Id}", null),
            (HttpMethod.Get, $"/v1/users/{user.Username}?searchBy=Username", null),
            (HttpMethod.Get, $"/v1/users/{employeeId}?searchBy=EmployeeId", null),
            (HttpMethod.Get, $"/v1/users/{user.Id}/auditLogs", null),
            (HttpMethod.Put, $"/v1/users/{user.Id}", UserBodies.Update(stranger.RootId)),
            (HttpMethod.Patch, $"/v1/users/{user.Id}/groupRoles", PatchBodies.Of(PatchBodies.Add(stranger.RootId, RoleCatalog.Coach))),
            (HttpMethod.Get, $"/v1/groups/{company.RootId}", null),
            (HttpMethod.Get, $"/v1/users?groupId={company.RootId}", null),
        };

        foreach (var (method, path, body) in requests)
        {
            var response = body is null
                ? await stranger.Admin.SendAsync(new HttpRequestMessage(method, path))
                : await stranger.Admin.SendJsonAsync(method, path, body.ToJsonString());
            var messages = await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.NotFound);
            Assert.DoesNotContain(messages, m => m.Contains(company.CompanyId.ToString(), StringComparison.OrdinalIgnoreCase));
        }

        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(user.Id)).ToJsonString());
        Assert.Single((await company.Admin.GetObjectAsync($"/v1/users/{user.Id}/auditLogs"))["data"]!.AsArray());
    }

    private static async Task<HttpClient> LoginAsync(WebApplicationFactory<Program> instance, string username)
    {
        var response = await FleetUsersApp.ClientOf(instance).PostJsonAsync("/api/auth/user",
            new JsonObject { ["username"] = username, ["password"] = TestCompany.Password });
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        return FleetUsersApp.ClientOf(instance, (await HttpAssert.ReadObjectAsync(response))["accessToken"]!.GetValue<string>());
    }

}
