using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Users;

/// <summary>
/// A PUT or POST that sends a password hashes it only once the caller is found allowed to make
/// that write: a caller that may not write the user cannot make the service run a slow hash.
/// </summary>
public sealed class HashAfterAuthorizationTests(FleetUsersApp app)
{
    private const string NewPassword = "Another-Pass-2";

    [StoreFact]
    public async Task Put_WithAPassword_OnAUserOutsideTheCallersReach_Returns403WithoutHashing()
    {
        var (company, west, east) = await CompanyAsync();
        var target = await company.CreateUserAsync(east);
        var (_, scoped) = await company.NewCallerAsync((west, RoleCatalog.Administrator));

        await ExpectNoHashAsync(scoped, c => c.PutJsonAsync($"/v1/users/{target.Id}", WithPassword(UserBodies.Update(west))), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Put_WithAPassword_GivingAGroupOutsideTheCallersReach_Returns403WithoutHashing()
    {
        var (company, west, east) = await CompanyAsync();
        var target = await company.CreateUserAsync(west);
        var (_, scoped) = await company.NewCallerAsync((west, RoleCatalog.Administrator));

        await ExpectNoHashAsync(scoped, c => c.PutJsonAsync($"/v1/users/{target.Id}", WithPassword(UserBodies.Update(east))), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Put_WithAPassword_ByACoach_Returns403WithoutHashing()
    {
        var (company, west, _) = await CompanyAsync();
        var target = await company.CreateUserAsync(west);
        var (_, coach) = await company.NewCallerAsync((west, RoleCatalog.Coach));

        await ExpectNoHashAsync(coach, c => c.PutJsonAsync($"/v1/users/{target.Id}", WithPassword(UserBodies.Update(west))), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Put_WithAPassword_OnAnotherCompanysUser_Returns404WithoutHashing()
    {
        var (company, west, _) = await CompanyAsync();
        var target = await company.CreateUserAsync(west);
        var stranger = await app.NewCompanyAsync();

        await ExpectNoHashAsync(stranger.Admin, c => c.PutJsonAsync($"/v1/users/{target.Id}", WithPassword(UserBodies.Update(stranger.RootId))), HttpStatusCode.NotFound);
    }

    [StoreFact]
    public async Task Put_WithAPasswordAndAFieldProblem_Returns400WithoutHashing()
    {
        var (company, west, _) = await CompanyAsync();
        var target = await company.CreateUserAsync(west);
        var body = WithPassword(UserBodies.Update(west));
        body["cellPhoneCountry"] = "MX";

        await ExpectNoHashAsync(company.Admin, c => c.PutJsonAsync($"/v1/users/{target.Id}", body), HttpStatusCode.BadRequest);
    }

    [StoreFact]
    public async Task Post_WithAPassword_ByACoach_Returns403WithoutHashing()
    {
        var (company, west, _) = await CompanyAsync();
        var (_, coach) = await company.NewCallerAsync((west, RoleCatalog.Coach));

        await ExpectNoHashAsync(coach, c => c.PostJsonAsync("/v1/users", WithPassword(UserBodies.Create(west))), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Post_WithAPassword_InAGroupOutsideTheCallersReach_Returns403WithoutHashing()
    {
        var (company, west, east) = await CompanyAsync();
        var (_, scoped) = await company.NewCallerAsync((west, RoleCatalog.Administrator));

        await ExpectNoHashAsync(scoped, c => c.PostJsonAsync("/v1/users", WithPassword(UserBodies.Create(east))), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task PutAndPost_WithAPassword_ByTheUsersManager_HashOnceEach()
    {
        var (company, west, _) = await CompanyAsync();
        var target = await company.CreateUserAsync(west);
        var (_, scoped) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var watch = new HashWatch();
        await using var instance = app.Sibling(services: s => s.AddSingleton(watch.Hooks));
        var caller = OnInstance(instance, scoped);

        await HttpAssert.ExpectAsync(await caller.PutJsonAsync($"/v1/users/{target.Id}", WithPassword(UserBodies.Update(west))), HttpStatusCode.OK);
        await HttpAssert.ExpectAsync(await caller.PostJsonAsync("/v1/users", WithPassword(UserBodies.Create(west))), HttpStatusCode.Created);

        Assert.Equal(2, watch.Hashes);
    }

    private async Task<(TestCompany Company, Guid West, Guid East)> CompanyAsync()
    {
        var company = await app.NewCompanyAsync();
        return (company, await company.AddGroupAsync("West"), await company.AddGroupAsync("East"));
    }

    /// <summary>Sends the request as the caller through an instance that counts its hashes, expects the status and no hash.</summary>
    private async Task ExpectNoHashAsync(HttpClient caller, Func<HttpClient, Task<HttpResponseMessage>> request, HttpStatusCode status)
    {
        var watch = new HashWatch();
        await using var instance = app.Sibling(services: s => s.AddSingleton(watch.Hooks));

        var response = await request(OnInstance(instance, caller));

        await HttpAssert.ExpectAsync(response, status);
        Assert.Equal(0, watch.Hashes);
    }

    private static HttpClient OnInstance(WebApplicationFactory<Program> instance, HttpClient caller) =>
        FleetUsersApp.ClientOf(instance, caller.DefaultRequestHeaders.Authorization!.Parameter);

    private static JsonObject WithPassword(JsonObject body)
    {
        body["password"] = NewPassword;
        body["loginEnabled"] = true;
        return body;
    }
}
