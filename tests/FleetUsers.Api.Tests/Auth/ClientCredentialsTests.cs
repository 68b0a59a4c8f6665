using FleetUsers.Application.Ports;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Clients;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>POST /api/auth/token (OAuth 2.0 client credentials) and API clients as callers of /v1.</summary>
public sealed class ClientCredentialsTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Token_WithTheCredentialsInTheForm_Returns200InTheOAuthShape_NotCached()
    {
        var company = await app.NewCompanyAsync();
        var (id, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Administrator);

        var response = await PostTokenAsync(Form(id.ToString(), secret));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var body = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(["access_token", "token_type", "expires_in"], body.Select(p => p.Key));
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var users = await app.CreateClient(body["access_token"]!.GetValue<string>()).GetAsync("/v1/users");
        await HttpAssert.ExpectAsync(users, HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Token_WithHttpBasic_Returns200()
    {
        var company = await app.NewCompanyAsync();
        var (id, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);

        var response = await PostTokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, Basic(id.ToString(), secret));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Token_WithAWrongSecret_AnUnknownIdOrNoCredentials_Returns401InvalidClient()
    {
        var company = await app.NewCompanyAsync();
        var (id, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);

        var attempts = new[]
        {
            await PostTokenAsync(Form(id.ToString(), secret + "x")),
            await PostTokenAsync(Form(Guid.NewGuid().ToString(), secret)),
            await PostTokenAsync(Form("not-a-uuid", secret)),
            await PostTokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
            await PostTokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, Basic(id.ToString(), "wrong")),
            await PostTokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, new AuthenticationHeaderValue("Basic", "%%%")),
        };

        foreach (var response in attempts)
        {
            await ExpectOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        }
    }

    [StoreTheory]
    [InlineData("password", "unsupported_grant_type")]
    [InlineData("authorization_code", "unsupported_grant_type")]
    [InlineData("", "invalid_request")]
    public async Task Token_WithAnotherOrNoGrantType_Returns400(string grantType, string error)
    {
        var company = await app.NewCompanyAsync();
        var (id, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);
        var form = Form(id.ToString(), secret);
        form["grant_type"] = grantType;

        await ExpectOAuthErrorAsync(await PostTokenAsync(form), HttpStatusCode.BadRequest, error);
    }

    [StoreFact]
    public async Task Token_AsJson_OrWithRepeatedParameters_OrWithTwoWaysOfCredentials_Returns400InvalidRequest()
    {
        var company = await app.NewCompanyAsync();
        var (id, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);

        var json = await app.CreateClient().PostAsync("/api/auth/token", Json.Content(new JsonObject
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id.ToString(),
            ["client_secret"] = secret,
        }));
        var repeated = await app.CreateClient().PostAsync("/api/auth/token", new StringContent(
            $"grant_type=client_credentials&client_id={id}&client_secret={secret}&client_secret={secret}",
            Encoding.UTF8, "application/x-www-form-urlencoded"));
        var both = await PostTokenAsync(Form(id.ToString(), secret), Basic(id.ToString(), secret));

        foreach (var response in new[] { json, repeated, both })
        {
            await ExpectOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        }
    }

    [StoreFact]
    public async Task Revoke_StopsTheClientsTokensAtOnce_AndNoNewOnesAreIssued()
    {
        var company = await app.NewCompanyAsync();
        var (id, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Administrator);
        var token = (await HttpAssert.ReadObjectAsync(await PostTokenAsync(Form(id.ToString(), secret))))["access_token"]!.GetValue<string>();
        var client = app.CreateClient(token);
        await HttpAssert.ExpectAsync(await client.GetAsync("/v1/users"), HttpStatusCode.OK);

        Assert.True(await app.Services.GetRequiredService<ApiClientService>().RevokeAsync(id, CancellationToken.None));

        await HttpAssert.ExpectEmptyAsync(await client.GetAsync("/v1/users"), HttpStatusCode.Unauthorized);
        await ExpectOAuthErrorAsync(await PostTokenAsync(Form(id.ToString(), secret)), HttpStatusCode.Unauthorized, "invalid_client");
        Assert.False(await app.Services.GetRequiredService<ApiClientService>().RevokeAsync(id, CancellationToken.None));
    }

    /// <summary>The console's revocation (CompanyClients) reaches only the caller's company's clients, and is recorded as its act.</summary>
    [StoreFact]
    public async Task RevokeByACompanysAdministrator_LeavesAnotherCompanysClient_AndNamesTheAdministrator()
    {
        var company = await app.NewCompanyAsync();
        var other = await app.NewCompanyAsync();
        var (theirs, _) = await other.NewApiClientAsync(other.RootId, RoleCatalog.Administrator);
        var (mine, _) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);
        var administrator = Caller.User(company.AdminId, company.AdminUsername, company.CompanyId,
            [new GroupRole(company.RootId, RoleCatalog.Administrator)]);
        var clients = app.Services.GetRequiredService<CompanyClients>();

        Assert.False(await clients.RevokeAsync(administrator, theirs, CancellationToken.None));
        Assert.True(await clients.RevokeAsync(administrator, mine, CancellationToken.None));

        var listed = await clients.ListAsync(administrator, CancellationToken.None);
        Assert.Equal([mine], listed.Select(c => c.Id));
        Assert.NotNull(listed[0].RevokedDate);
        Assert.Contains(await app.Services.GetRequiredService<ApiClientService>().ListAsync(other.CompanyId, CancellationToken.None),
            c => c.Id == theirs && c.IsActive);
        // On PostgreSQL an event shows once every older transaction on the server has ended: the feed reader waits for it.
        var revoked = Assert.Single(await FleetUsers.Api.Tests.Events.EventFeedReader.AboutAsync(company.Admin, mine));
        Assert.Equal(company.AdminUsername, revoked["actor"]!["name"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task AClient_ReachesUsersLikeAUserWithItsRole()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var westDriver = await company.CreateUserAsync(west);
        var eastDriver = await company.CreateUserAsync(east);
        var (_, coach) = await company.NewApiClientCallerAsync(west, RoleCatalog.Coach);
        var (_, admin) = await company.NewApiClientCallerAsync(west, RoleCatalog.Administrator);

        await HttpAssert.ExpectAsync(await coach.GetAsync($"/v1/users/{westDriver.Id}"), HttpStatusCode.OK);
        await HttpAssert.ExpectEmptyAsync(await coach.GetAsync($"/v1/users/{eastDriver.Id}"), HttpStatusCode.Forbidden);
        await HttpAssert.ExpectEmptyAsync(await coach.PostAsync("/v1/users", Json.Content(UserBodies.Create(west))), HttpStatusCode.Forbidden);
        await HttpAssert.ExpectAsync(await admin.PostAsync("/v1/users", Json.Content(UserBodies.Create(west))), HttpStatusCode.Created);
        await HttpAssert.ExpectEmptyAsync(await admin.PostAsync("/v1/users", Json.Content(UserBodies.Create(east))), HttpStatusCode.Forbidden);
        var listed = (await coach.GetObjectAsync("/v1/users"))["data"]!.AsArray().Select(u => u!["userId"]!.GetValue<Guid>()).ToList();
        Assert.Contains(westDriver.Id, listed);
        Assert.DoesNotContain(eastDriver.Id, listed);
    }

    [StoreFact]
    public async Task AGroupManagerClient_BuildsTheTreeBelowItsGroup()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var (_, manager) = await company.NewApiClientCallerAsync(west, RoleCatalog.GroupManager);

        await HttpAssert.ExpectAsync(await manager.PostJsonAsync("/v1/groups", GroupBodies.Create("Oregon", west)), HttpStatusCode.Created);
        await HttpAssert.ExpectEmptyAsync(await manager.PostJsonAsync("/v1/groups", GroupBodies.Create("East", company.RootId)), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task AClientsToken_OnAnotherCompanysIds_Answers404()
    {
        var other = await app.NewCompanyAsync();
        var otherUser = await other.CreateUserAsync(other.RootId);
        var company = await app.NewCompanyAsync();
        var (_, admin) = await company.NewApiClientCallerAsync(company.RootId, RoleCatalog.Administrator);

        await HttpAssert.ExpectErrorAsync(await admin.GetAsync($"/v1/users/{otherUser.Id}"), HttpStatusCode.NotFound);
        await HttpAssert.ExpectErrorAsync(await admin.GetAsync($"/v1/groups/{other.RootId}"), HttpStatusCode.NotFound);
    }

    [StoreFact]
    public async Task AClient_IsACallerNamedAsAClient_ForTheAuditTrail()
    {
        var company = await app.NewCompanyAsync();
        var created = await app.Services.GetRequiredService<ApiClientService>()
            .CreateAsync(company.CompanyId, "Payroll sync", company.RootId, RoleCatalog.Coach, CancellationToken.None);

        var caller = await app.Services.GetRequiredService<CallerDirectory>()
            .FindActiveClientAsync(company.CompanyId, created.Details.Id, CancellationToken.None);

        Assert.NotNull(caller);
        Assert.Equal((ActorKind.Client, created.Details.Id, "Payroll sync"), (caller.ActorKind, caller.ActorId, caller.ActorName));
        Assert.Null(await app.Services.GetRequiredService<CallerDirectory>()
            .FindActiveClientAsync(Guid.NewGuid(), created.Details.Id, CancellationToken.None));
    }

    [StoreFact]
    public async Task TheSecret_IsStoredOnlyAsASlowSaltedHash()
    {
        var company = await app.NewCompanyAsync();
        var (id, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);

        var database = app.Services.GetRequiredService<IDatabase>();
        await using var session = await database.BeginAsync(write: false, CancellationToken.None);
        var stored = await session.Clients.FindAsync(id, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.DoesNotContain(secret, stored.SecretHash, StringComparison.Ordinal);
        Assert.Equal(PasswordCheck.Right, await app.Services.GetRequiredService<PasswordHashing>().VerifyAsync(stored.SecretHash, secret, CancellationToken.None));
        Assert.True(secret.Length >= 43, "at least 256 bits of secret");
    }

    [StoreFact]
    public async Task AUserToken_IsNotTakenForAClient_NorAClientTokenForAUser()
    {
        var company = await app.NewCompanyAsync();
        var (clientId, _) = await company.NewApiClientCallerAsync(company.RootId, RoleCatalog.Administrator);

        // A token naming the client's id as an ordinary user's subject finds no such user.
        var forged = Tokens.Signed(new TokenSpec(clientId, company.CompanyId), app.SigningKey);

        await HttpAssert.ExpectEmptyAsync(await app.CreateClient(forged).GetAsync("/v1/users"), HttpStatusCode.Unauthorized);
    }

    private static Dictionary<string, string> Form(string clientId, string secret) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = secret,
    };

    private static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    private Task<HttpResponseMessage> PostTokenAsync(Dictionary<string, string> form, AuthenticationHeaderValue? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        return app.CreateClient().SendAsync(request);
    }

    private static async Task ExpectOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        await HttpAssert.ExpectAsync(response, status);
        var body = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(error, body["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["error_description"]?.GetValue<string>()));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }
}
