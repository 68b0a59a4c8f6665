using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>POST /api/auth/user and the bearer tokens it issues, as every /v1 route checks them.</summary>
public sealed class LoginTests(FleetUsersApp app)
{
    private const string LoginPath = "/api/auth/user";
    private const string ProbePath = "/v1/users/roles";

    public static TheoryData<string, string[]> MalformedBodies() => new()
    {
        { "{}", ["username", "password"] },
        { """{"password": "Secret-Pass-1"}""", ["username"] },
        { """{"username": "someone"}""", ["password"] },
        { """{"username": null, "password": null}""", ["username", "password"] },
        { """{"username": 42, "password": true}""", ["username", "password"] },
        { """{"username": ["someone"], "password": {"value": "x"}}""", ["username", "password"] },
        { """{"username": "someone", "password": "Secret-Pass-1", "rememberMe": true}""", ["rememberMe"] },
        { """{"username": "someone", "password": "Secret-Pass-1", "grant_type": "password", "scope": "all"}""", ["grant_type", "scope"] },
        { "[]", ["body"] },
        { "\"someone\"", ["body"] },
        { """{"username": "someone", """, ["body"] },
    };

    [StoreFact]
    public async Task Login_WithTheRightPassword_Returns200WithABearerTokenForAnHour()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);

        var response = await PostLoginAsync(user.Username, TestCompany.Password);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(["accessToken", "tokenType", "expiresIn"], body.Select(p => p.Key));
        Assert.False(string.IsNullOrWhiteSpace(body["accessToken"]!.GetValue<string>()));
        Assert.Equal("Bearer", body["tokenType"]!.GetValue<string>());
        Assert.Equal(3600, body["expiresIn"]!.GetValue<int>());
        var token = new JsonWebToken(body["accessToken"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromHours(1), token.ValidTo - token.IssuedAt);
        Assert.Equal(user.Id.ToString(), token.Subject);
    }

    [StoreFact]
    public async Task Login_WithAConfiguredTokenLifetime_IssuesTokensThatLiveThatLong()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        await using var shortLived = app.Sibling(new Dictionary<string, string?> { ["Auth:TokenLifetime"] = "00:10:00" });

        var response = await FleetUsersApp.ClientOf(shortLived).PostJsonAsync("/api/auth/user",
            new JsonObject { ["username"] = user.Username, ["password"] = TestCompany.Password });

        var body = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(600, body["expiresIn"]!.GetValue<int>());
        var token = new JsonWebToken(body["accessToken"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromMinutes(10), token.ValidTo - token.IssuedAt);
    }

    [StoreFact]
    public async Task Login_Response_IsNotCached()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);

        var response = await PostLoginAsync(user.Username, TestCompany.Password);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control was: {response.Headers.CacheControl}");
    }

    [StoreFact]
    public async Task Login_TokenIsAcceptedByTheV1Routes()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        var token = await TokenAsync(user.Username, TestCompany.Password);

        var response = await app.CreateClient(token).GetAsync(ProbePath);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Contains("\"Administrator\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [StoreTheory]
    [InlineData("upper")]
    [InlineData("lower")]
    public async Task Login_MatchesTheUsernameInAnyLetterCase(string letterCase)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password,
            customize: b => b["username"] = "Mixed.Case-" + Unique.Suffix());
        var typed = letterCase == "upper" ? user.Username.ToUpperInvariant() : user.Username.ToLowerInvariant();

        var token = await TokenAsync(typed, TestCompany.Password);

        Assert.Equal(user.Id.ToString(), new JsonWebToken(token).Subject);
    }

    [StoreFact]
    public async Task Login_IsRefusedWithTheSameEmpty401_ForWrongPasswordUnknownNameDisabledAndInactiveUsers()
    {
        var company = await app.NewCompanyAsync();
        var active = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        var disabled = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        var inactive = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        await ChangeAsync(company, disabled, b => b["loginEnabled"] = false);
        await ChangeAsync(company, inactive, b => b["status"] = "Inactive");

        var refusals = new[]
        {
            await PostLoginAsync(active.Username, "Wrong-Pass-1"),
            await PostLoginAsync("nobody-" + Unique.Suffix(), TestCompany.Password),
            await PostLoginAsync(disabled.Username, TestCompany.Password),
            await PostLoginAsync(inactive.Username, TestCompany.Password),
        };

        foreach (var refusal in refusals)
        {
            await HttpAssert.ExpectEmptyAsync(refusal, HttpStatusCode.Unauthorized);
        }
        var shapes = new List<string>();
        foreach (var refusal in refusals)
        {
            shapes.Add(await ShapeAsync(refusal));
        }
        Assert.All(shapes, shape => Assert.Equal(shapes[0], shape));
    }

    [StoreFact]
    public async Task Login_AfterAnUpdateThatKeepsLoginEnabled_Succeeds()
    {
        // The control for the refusal test: the same set-up, with the user left enabled and active.
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        await ChangeAsync(company, user, b => b["loginEnabled"] = true);

        await HttpAssert.ExpectAsync(await PostLoginAsync(user.Username, TestCompany.Password), HttpStatusCode.OK);
    }

    [StoreTheory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Login_WithAMalformedBody_Returns400NamingEveryProblem(string body, string[] fields)
    {
        var response = await app.CreateClient().PostAsync(LoginPath, Json.Content(body));

        var messages = await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.BadRequest);
        foreach (var field in fields)
        {
            Assert.Contains(messages, m => m.StartsWith(field, StringComparison.Ordinal));
        }
    }

    [StoreFact]
    public async Task Login_WithANonJsonContentType_Returns415()
    {
        var response = await app.CreateClient().PostAsync(LoginPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "someone", ["password"] = "Secret-Pass-1" }));

        Assert.Equal(["the body must be JSON"], await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.UnsupportedMediaType));
    }

    [StoreFact]
    public async Task Login_SetsLastLoginDate()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        Assert.Null((await company.GetUserAsync(user.Id))["lastLoginDate"]);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await TokenAsync(user.Username, TestCompany.Password);

        var lastLogin = (await company.GetUserAsync(user.Id))["lastLoginDate"]?.GetValue<string>();
        Assert.NotNull(lastLogin);
        Assert.Matches(@"[+-]\d\d:\d\d$", lastLogin);
        Assert.InRange(DateTimeOffset.Parse(lastLogin, System.Globalization.CultureInfo.InvariantCulture), before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [StoreFact]
    public async Task Login_Refused_DoesNotSetLastLoginDate()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);

        await HttpAssert.ExpectEmptyAsync(await PostLoginAsync(user.Username, "Wrong-Pass-1"), HttpStatusCode.Unauthorized);

        Assert.Null((await company.GetUserAsync(user.Id))["lastLoginDate"]);
    }

    [StoreFact]
    public async Task Token_ForgedWithTheAppsOwnKey_IsAccepted()
    {
        // The control for the forged-token tests below: the forging itself is right.
        var company = await app.NewCompanyAsync();

        var token = Tokens.Signed(new TokenSpec(company.AdminId, company.CompanyId), app.SigningKey);

        await HttpAssert.ExpectAsync(await app.CreateClient(token).GetAsync(ProbePath), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Token_SignedWithAnotherKey_Returns401()
    {
        var company = await app.NewCompanyAsync();

        var token = Tokens.Signed(new TokenSpec(company.AdminId, company.CompanyId), Tokens.OtherKey());

        await ExpectRefusedAsync(token);
    }

    [StoreFact]
    public async Task Token_WithAlgNone_Returns401()
    {
        var company = await app.NewCompanyAsync();

        await ExpectRefusedAsync(Tokens.Unsigned(new TokenSpec(company.AdminId, company.CompanyId)));
    }

    [StoreFact]
    public async Task Token_WithItsSignatureStripped_Returns401()
    {
        var company = await app.NewCompanyAsync();
        var token = Tokens.Signed(new TokenSpec(company.AdminId, company.CompanyId), app.SigningKey);

        await ExpectRefusedAsync(token[..(token.LastIndexOf('.') + 1)]);
    }

    [StoreFact]
    public async Task Token_ThatHasExpired_Returns401()
    {
        var company = await app.NewCompanyAsync();

        var token = Tokens.Signed(new TokenSpec(company.AdminId, company.CompanyId) { IssuedAt = DateTime.UtcNow.AddHours(-2) }, app.SigningKey);

        await ExpectRefusedAsync(token);
    }

    [StoreFact]
    public async Task Token_NotYetValid_Returns401()
    {
        var company = await app.NewCompanyAsync();

        var token = Tokens.Signed(new TokenSpec(company.AdminId, company.CompanyId) { IssuedAt = DateTime.UtcNow.AddMinutes(10) }, app.SigningKey);

        await ExpectRefusedAsync(token);
    }

    [StoreTheory]
    [InlineData("issuer")]
    [InlineData("audience")]
    public async Task Token_WithTheWrongIssuerOrAudience_Returns401(string wrong)
    {
        var company = await app.NewCompanyAsync();
        var spec = new TokenSpec(company.AdminId, company.CompanyId);
        spec = wrong == "issuer" ? spec with { Issuer = "SomeoneElse" } : spec with { Audience = "SomeoneElse" };

        await ExpectRefusedAsync(Tokens.Signed(spec, app.SigningKey));
    }

    [StoreFact]
    public async Task Token_OfAUserInAnotherCompanyThanItClaims_Returns401()
    {
        var company = await app.NewCompanyAsync();
        var other = await app.NewCompanyAsync();

        await ExpectRefusedAsync(Tokens.Signed(new TokenSpec(company.AdminId, other.CompanyId), app.SigningKey));
    }

    [StoreTheory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("")]
    public async Task Token_Malformed_Returns401(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {token}");

        var response = await client.GetAsync(ProbePath);

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [StoreTheory]
    [InlineData("loginEnabled")]
    [InlineData("status")]
    public async Task Token_OfAUserDisabledAfterItWasIssued_Returns401OnTheNextRequest(string change)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, password: TestCompany.Password);
        var client = app.CreateClient(await TokenAsync(user.Username, TestCompany.Password));
        await HttpAssert.ExpectAsync(await client.GetAsync(ProbePath), HttpStatusCode.OK);

        await ChangeAsync(company, user, b =>
        {
            if (change == "loginEnabled")
            {
                b["loginEnabled"] = false;
            }
            else
            {
                b["status"] = "Inactive";
            }
        });

        var response = await client.GetAsync(ProbePath);
        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    private async Task ExpectRefusedAsync(string token)
    {
        var response = await app.CreateClient(token).GetAsync(ProbePath);
        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    private Task<HttpResponseMessage> PostLoginAsync(string username, string password) =>
        app.CreateClient().PostAsync(LoginPath, Json.Content(new JsonObject { ["username"] = username, ["password"] = password }));

    private async Task<string> TokenAsync(string username, string password)
    {
        var response = await PostLoginAsync(username, password);
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        return (await HttpAssert.ReadObjectAsync(response))["accessToken"]!.GetValue<string>();
    }

    /// <summary>PUTs the user back with its own name and group role, changed as the test says.</summary>
    private static async Task ChangeAsync(TestCompany company, TestUser user, Action<JsonObject> change)
    {
        var current = await company.GetUserAsync(user.Id);
        var role = current["groupRoles"]!.AsArray()[0]!;
        var body = UserBodies.Update(Guid.Parse(role["groupId"]!.GetValue<string>()), role["roleId"]!.GetValue<int>());
        body["username"] = user.Username;
        body["loginEnabled"] = current["loginEnabled"]!.GetValue<bool>();
        change(body);
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);
    }

    /// <summary>What a client can tell apart: status, headers (but the date) and body.</summary>
    private static async Task<string> ShapeAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !h.Key.Equals("Date", StringComparison.OrdinalIgnoreCase))
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}")
            .Order(StringComparer.OrdinalIgnoreCase);
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n{await response.Content.ReadAsStringAsync()}";
    }
}
