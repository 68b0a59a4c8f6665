using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>
/// Rotating the signing key: an instance configured with a new Auth:SigningKey and the old one
/// under Auth:PreviousSigningKeys accepts tokens of both, and signs new ones with the new key only.
/// </summary>
public sealed class SigningKeyRotationTests(FleetUsersApp app)
{
    private const string ProbePath = "/v1/users/roles";

    [StoreFact]
    public async Task Token_SignedWithAPreviousKey_IsAccepted()
    {
        var company = await app.NewCompanyAsync();
        await using var rotated = Rotated(Tokens.OtherKey(), app.SigningKey);

        var token = Tokens.Signed(new TokenSpec(company.AdminId, company.CompanyId), app.SigningKey);

        await HttpAssert.ExpectAsync(await FleetUsersApp.ClientOf(rotated, token).GetAsync(ProbePath), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Token_SignedWithTheCurrentKey_IsAccepted()
    {
        var company = await app.NewCompanyAsync();
        var current = Tokens.OtherKey();
        await using var rotated = Rotated(current, app.SigningKey);

        var token = Tokens.Signed(new TokenSpec(company.AdminId, company.CompanyId), current);

        await HttpAssert.ExpectAsync(await FleetUsersApp.ClientOf(rotated, token).GetAsync(ProbePath), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Token_SignedWithAKeyNeitherCurrentNorPrevious_Returns401()
    {
        var company = await app.NewCompanyAsync();
        await using var rotated = Rotated(Tokens.OtherKey(), Tokens.OtherKey(), app.SigningKey);

        var token = Tokens.Signed(new TokenSpec(company.AdminId, company.CompanyId), Tokens.OtherKey());

        await HttpAssert.ExpectEmptyAsync(await FleetUsersApp.ClientOf(rotated, token).GetAsync(ProbePath), HttpStatusCode.Unauthorized);
    }

    [StoreFact]
    public async Task Login_AfterARotation_SignsWithTheCurrentKeyOnly()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        var current = Tokens.OtherKey();
        await using var rotated = Rotated(current, app.SigningKey);

        var response = await FleetUsersApp.ClientOf(rotated).PostJsonAsync("/api/auth/user",
            new JsonObject { ["username"] = user.Username, ["password"] = TestCompany.Password });
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var token = (await HttpAssert.ReadObjectAsync(response))["accessToken"]!.GetValue<string>();

        Assert.True(await SignedWithAsync(token, current));
        Assert.False(await SignedWithAsync(token, app.SigningKey));
        await HttpAssert.ExpectEmptyAsync(await app.CreateClient(token).GetAsync(ProbePath), HttpStatusCode.Unauthorized); // an instance not yet rotated
    }

    [StoreFact]
    public async Task Start_WithAPreviousKeyTooShort_FailsNamingTheSetting()
    {
        await using var rotated = Rotated(Tokens.OtherKey(), "too-short");

        var error = Assert.ThrowsAny<Exception>(() => rotated.CreateClient());

        Assert.Contains("Auth:PreviousSigningKeys:0", error.ToString(), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> Rotated(string current, params string[] previous)
    {
        var settings = new Dictionary<string, string?> { ["Auth:SigningKey"] = current };
        for (var i = 0; i < previous.Length; i++)
        {
            settings[$"Auth:PreviousSigningKeys:{i}"] = previous[i];
        }
        return app.Sibling(settings);
    }


    private static async Task<bool> SignedWithAsync(string token, string base64Key) =>
        (await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(base64Key)),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        })).IsValid;
}
