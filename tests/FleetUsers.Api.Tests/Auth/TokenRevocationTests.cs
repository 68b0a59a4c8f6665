using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>
/// A password change (PUT), an operator's reset, or a user disabled or deactivated ends every
/// token issued before it (the user's security stamp changes), even once the user may log in again.
/// </summary>
public sealed class TokenRevocationTests(FleetUsersApp app)
{
    private const string ProbePath = "/v1/users/roles";
    private const string NewPassword = "Another-Pass-2";

    [StoreFact]
    public async Task Token_IssuedBeforeAPasswordChangeByPut_Returns401_WhileANewLoginWorks()
    {
        var (company, user, token) = await LoggedInUserAsync();

        await PutAsync(company, user, b => b["password"] = NewPassword);

        await ExpectRevokedAsync(token);
        await HttpAssert.ExpectAsync(await (await app.LoginAsync(user.Username, NewPassword)).GetAsync(ProbePath), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Token_OfACallerWhoChangesItsOwnPassword_EndsAfterThatRequest()
    {
        var company = await app.NewCompanyAsync();
        var (user, token) = await company.NewCallerAsync((company.RootId, RoleCatalog.Administrator));
        var body = UserBodies.Update(company.RootId, RoleCatalog.Administrator);
        body["username"] = user.Username;
        body["loginEnabled"] = true;
        body["password"] = NewPassword;

        await HttpAssert.ExpectAsync(await token.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);

        await ExpectRevokedAsync(token);
    }

    [StoreFact]
    public async Task Token_IssuedBeforeAnOperatorsReset_Returns401()
    {
        var (_, user, token) = await LoggedInUserAsync();

        await Infrastructure.Cli.SucceedAsync(app, "users", "reset-password", "--username", user.Username, "--password", NewPassword);

        await ExpectRevokedAsync(token);
        await HttpAssert.ExpectAsync(await (await app.LoginAsync(user.Username, NewPassword)).GetAsync(ProbePath), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Token_IssuedBeforeLoginWasDisabled_StaysRefusedOnceLoginIsEnabledAgain()
    {
        var (company, user, token) = await LoggedInUserAsync();

        await PutAsync(company, user, b => b["loginEnabled"] = false);
        await PutAsync(company, user, b => b["loginEnabled"] = true);

        await ExpectRevokedAsync(token);
        await app.LoginAsync(user.Username, TestCompany.Password);
    }

    [StoreFact]
    public async Task Token_IssuedBeforeTheUserWasDeactivated_StaysRefusedOnceItIsActiveAgain()
    {
        var (company, user, token) = await LoggedInUserAsync();

        await PutAsync(company, user, b => b["status"] = "Inactive");
        await PutAsync(company, user, b => b["status"] = "Active");

        await ExpectRevokedAsync(token);
        await app.LoginAsync(user.Username, TestCompany.Password);
    }

    [StoreFact]
    public async Task Token_OutlivesChangesThatKeepThePasswordAndTheLogin()
    {
        var (company, user, token) = await LoggedInUserAsync();
        var other = await company.AddGroupAsync("Other");

        await PutAsync(company, user, b => b["firstName"] = "Renamed");
        await HttpAssert.ExpectAsync(await company.Admin.PatchJsonAsync($"/v1/users/{user.Id}/groupRoles",
            PatchBodies.Of(PatchBodies.Add(other, RoleCatalog.Coach))), HttpStatusCode.OK);
        await app.LoginAsync(user.Username, TestCompany.Password);

        await HttpAssert.ExpectAsync(await token.GetAsync(ProbePath), HttpStatusCode.OK);
    }

    private async Task<(TestCompany Company, TestUser User, HttpClient Token)> LoggedInUserAsync()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        var token = await app.LoginAsync(user.Username, TestCompany.Password);
        await HttpAssert.ExpectAsync(await token.GetAsync(ProbePath), HttpStatusCode.OK);
        return (company, user, token);
    }

    /// <summary>The administrator PUTs the user as it is (name, role, login enabled), changed as the test says.</summary>
    private static async Task PutAsync(TestCompany company, TestUser user, Action<JsonObject> change)
    {
        var body = UserBodies.Update(company.RootId, RoleCatalog.Coach);
        body["username"] = user.Username;
        body["loginEnabled"] = true;
        change(body);
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);
    }

    private static async Task ExpectRevokedAsync(HttpClient token)
    {
        var response = await token.GetAsync(ProbePath);
        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }
}
