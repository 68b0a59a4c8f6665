using System.Net;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Users;

/// <summary>Identifiers are plain text: SQL quotes and LIKE wildcards in them match exactly themselves, nothing else.</summary>
public sealed class IdentifierTextTests(FleetUsersApp app)
{
    [StoreTheory]
    [InlineData("O'Brien'; DROP TABLE users; --")]
    [InlineData("x\" OR \"1\"=\"1")]
    [InlineData("a%b_c\\d")]
    [InlineData("' OR '1'='1")]
    public async Task Get_ByAnEmployeeIdOfSqlMetacharacters_FindsExactlyThatUser(string employeeId)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = employeeId);
        await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = "aXbYcZd");

        var found = await company.Admin.GetObjectAsync($"/v1/users/{Uri.EscapeDataString(employeeId)}?searchBy=EmployeeId");

        Assert.Equal(user.Id.ToString(), found["userId"]!.GetValue<string>());
        Assert.Equal(employeeId, found["employeeId"]!.GetValue<string>());
    }

    [StoreTheory]
    [InlineData("%")]
    [InlineData("_%")]
    [InlineData("' OR '1'='1")]
    [InlineData("x' OR employee_id IS NOT NULL --")]
    public async Task Get_ByAnEmployeeIdThatIsAWildcardOrAnInjection_MatchesNobody(string identifier)
    {
        var company = await app.NewCompanyAsync();
        await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = "E-" + Unique.Suffix());

        var response = await company.Admin.GetAsync($"/v1/users/{Uri.EscapeDataString(identifier)}?searchBy=EmployeeId");

        await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.NotFound);
    }

    [StoreTheory]
    [InlineData("%")]
    [InlineData("admin%")]
    [InlineData("_dmin-%")]
    [InlineData("' OR username_key LIKE '%")]
    public async Task Get_ByAUsernameThatIsAWildcardOrAnInjection_MatchesNobody(string pattern)
    {
        var company = await app.NewCompanyAsync();

        var response = await company.Admin.GetAsync($"/v1/users/{Uri.EscapeDataString(pattern)}?searchBy=Username");

        await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.NotFound);
    }

    [StoreTheory]
    [InlineData("' OR '1'='1")]
    [InlineData("1; DROP TABLE users")]
    public async Task Login_WithAnInjectionForAUsername_Returns401(string username)
    {
        var response = await app.CreateClient().PostJsonAsync("/api/auth/user",
            new System.Text.Json.Nodes.JsonObject { ["username"] = username, ["password"] = "' OR '1'='1" });

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
    }
}
