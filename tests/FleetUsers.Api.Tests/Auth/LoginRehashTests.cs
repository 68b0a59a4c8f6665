using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Users;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>
/// A login whose password was hashed at a lower work factor than configured stores it again at
/// the current one, but only if the stored hash is still the one it checked: a password reset
/// that lands between the check and that write is kept (and that login is refused).
/// </summary>
public sealed class LoginRehashTests(FleetUsersApp app)
{
    private const string NewPassword = "Another-Pass-2";
    private static readonly Dictionary<string, string?> HigherWorkFactor = new()
    {
        ["Auth:Argon2Iterations"] = "2", // the tests' own cost is one pass
    };

    [StoreFact]
    public async Task Login_AtAHigherWorkFactor_StoresThePasswordRehashed()
    {
        var user = await UserAsync();
        var before = (await StoreReads.FindUserAsync(app, user.CompanyId, user.Id))!.PasswordHash;
        await using var instance = app.Sibling(HigherWorkFactor);

        await HttpAssert.ExpectAsync(await LoginAsync(instance, TestCompany.Password), HttpStatusCode.OK);

        Assert.NotEqual(before, (await StoreReads.FindUserAsync(app, user.CompanyId, user.Id))!.PasswordHash);
        await HttpAssert.ExpectAsync(await LoginAsync(app.Factory, TestCompany.Password), HttpStatusCode.OK);

        Task<HttpResponseMessage> LoginAsync(WebApplicationFactory<Program> on, string password) => LoginOnAsync(on, user.Username, password);
    }

    [StoreFact]
    public async Task Login_WhoseRehashMeetsAResetLandingAfterItsCheck_LeavesTheResetInPlace()
    {
        var user = await UserAsync();
        IServiceProvider? services = null;
        var armed = 1;
        var hooks = new PasswordHashingHooks
        {
            // Runs after the login's password check, before its write: an operator's reset lands exactly there.
            AfterVerifying = async ct =>
            {
                if (Interlocked.Exchange(ref armed, 0) == 1)
                {
                    await services!.GetRequiredService<ResetPassword>().ExecuteAsync(user.Username, NewPassword, ct);
                }
            },
        };
        await using var instance = app.Sibling(HigherWorkFactor, s => s.AddSingleton(hooks));
        services = instance.Services;

        var racing = await LoginOnAsync(instance, user.Username, TestCompany.Password);

        await HttpAssert.ExpectAsync(await LoginOnAsync(app.Factory, user.Username, NewPassword), HttpStatusCode.OK);
        await HttpAssert.ExpectEmptyAsync(await LoginOnAsync(app.Factory, user.Username, TestCompany.Password), HttpStatusCode.Unauthorized);
        await HttpAssert.ExpectEmptyAsync(racing, HttpStatusCode.Unauthorized); // it proved a password that is no longer the user's
    }

    private async Task<(Guid Id, Guid CompanyId, string Username)> UserAsync()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        return (user.Id, company.CompanyId, user.Username);
    }

    private static Task<HttpResponseMessage> LoginOnAsync(WebApplicationFactory<Program> instance, string username, string password) =>
        FleetUsersApp.ClientOf(instance).PostJsonAsync("/api/auth/user", new JsonObject { ["username"] = username, ["password"] = password });
}
