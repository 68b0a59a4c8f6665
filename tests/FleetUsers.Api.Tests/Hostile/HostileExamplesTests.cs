using System.Net;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Hostile;

/// <summary>
/// Requests the generated runs found answering 500, kept as fixed examples: each fails
/// without its fix, whatever seed the next generated run draws.
/// </summary>
public sealed class HostileExamplesTests(FleetUsersApp app)
{
    [StoreTheory]
    [InlineData("""{"\ud800": 1}""", "(a key)")]
    [InlineData("""{"primaryGroupId": "\ud800\u200b"}""", "primaryGroupId")]
    [InlineData("""{"groupRoles": [{"groupId": "\udc00", "roleId": 4}]}""", "groupRoles[0].groupId")]
    [InlineData("""{"groupRoles": [{"\udbff": 4}]}""", "groupRoles[0].(a key)")]
    public async Task Put_WithAnUnpairedSurrogateEscapeInAKeyOrAUuid_Returns400NamingIt(string edit, string field)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var valid = UserBodies.Update(company.RootId);
        valid.Remove(field.Split('[', '.')[0]); // the edit gives that key instead
        var body = valid.ToJsonString().TrimEnd('}') + "," + edit.TrimStart('{');

        var response = await company.Admin.SendJsonAsync(HttpMethod.Put, $"/v1/users/{user.Id}", body);

        await HttpAssert.ExpectBadRequestNamingAsync(response, field);
    }

    [StoreFact]
    public async Task Patch_WithAnUnpairedSurrogateEscapeInTheGroupId_Returns400NamingIt()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await company.Admin.SendJsonAsync(HttpMethod.Patch, $"/v1/users/{user.Id}/groupRoles",
            """[{"op": "add", "path": "/roles", "value": {"groupId": "Cv\uda1cLzi", "roleId": 6}}]""");

        await HttpAssert.ExpectBadRequestNamingAsync(response, "[0].value.groupId");
    }

    [StoreTheory]
    [InlineData("""{"username": "a\u0000b", "password": "Secret-Pass-1"}""")]
    [InlineData("""{"username": "\u0000", "password": "\u0000"}""")]
    public async Task Login_WithANulCharacter_Returns401(string body)
    {
        var response = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/api/auth/user", body);

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
    }

    [StoreFact]
    public async Task Post_WithANulCharacterInTheEmail_Returns400NamingIt()
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["email"] = "a\u0000b@example.com";

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync("/v1/users", body), "email");
    }

    [StoreFact]
    public async Task Post_WithANulCharacterInThePassword_StoresOnlyItsHash_AndTheUserLogsInWithIt()
    {
        // A password is never stored as text, so even PostgreSQL, which refuses NUL in text, never sees it.
        var company = await app.NewCompanyAsync();
        const string password = "Secret-\u0000-Pass-1";
        var user = await company.CreateUserAsync(company.RootId, password: password);

        await app.LoginAsync(user.Username, password);
    }
}
