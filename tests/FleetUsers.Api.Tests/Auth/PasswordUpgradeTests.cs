using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Auth;
using FleetUsers.Domain.Roles;
using FleetUsers.Application.Ports;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>
/// Passwords and client secrets are stored as Argon2id PHC strings at the configured cost; hashes
/// from before Argon2id (ASP.NET Core Identity's PBKDF2) still log in, and are stored again as
/// Argon2id at that login (or that token request), in place of the hash that was checked.
/// </summary>
public sealed class PasswordUpgradeTests(FleetUsersApp app)
{
    /// <summary>The tests' cost (8 KiB, one pass) as the PHC string writes it, with a 16-byte salt and a 32-byte hash.</summary>
    private const string TestCostHash = @"^\$argon2id\$v=19\$m=8,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$";

    [StoreFact]
    public async Task ANewPassword_IsStoredAsArgon2idInThePhcFormat_AtTheConfiguredCost()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        await using var costlier = app.Sibling(new Dictionary<string, string?> { ["Auth:Argon2MemoryKib"] = "64", ["Auth:Argon2Iterations"] = "3" });
        var body = UserBodies.Create(company.RootId, RoleCatalog.Coach);
        body["password"] = TestCompany.Password;
        body["loginEnabled"] = true;
        var created = await (await company.AdminOnAsync(costlier)).PostJsonAsync("/v1/users", body);
        await HttpAssert.ExpectAsync(created, HttpStatusCode.Created);
        var other = (await HttpAssert.ReadObjectAsync(created))["userId"]!.GetValue<Guid>();

        Assert.Matches(TestCostHash, await StoredHashAsync(company.CompanyId, user.Id));
        Assert.Matches(@"^\$argon2id\$v=19\$m=64,t=3,p=1\$", await StoredHashAsync(company.CompanyId, other));
    }

    [StoreFact]
    public async Task Login_WithAPbkdf2Hash_LogsIn_AndStoresThePasswordAsArgon2id()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        var pbkdf2 = Pbkdf2(TestCompany.Password);
        await StoreSql.ExecuteAsync(app, $"UPDATE users SET password_hash = '{pbkdf2}' WHERE id = '{Text(user.Id)}'");

        await HttpAssert.ExpectAsync(await LoginAsync(app.Factory, user.Username, TestCompany.Password), HttpStatusCode.OK);

        Assert.Matches(TestCostHash, await StoredHashAsync(company.CompanyId, user.Id));
        await HttpAssert.ExpectAsync(await LoginAsync(app.Factory, user.Username, TestCompany.Password), HttpStatusCode.OK);
        await HttpAssert.ExpectEmptyAsync(await LoginAsync(app.Factory, user.Username, "Wrong-Pass-1"), HttpStatusCode.Unauthorized);
    }

    [StoreFact]
    public async Task Login_WithAWrongPasswordForAPbkdf2Hash_IsRefused_AndKeepsTheHash()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        var pbkdf2 = Pbkdf2(TestCompany.Password);
        await StoreSql.ExecuteAsync(app, $"UPDATE users SET password_hash = '{pbkdf2}' WHERE id = '{Text(user.Id)}'");

        await HttpAssert.ExpectEmptyAsync(await LoginAsync(app.Factory, user.Username, "Wrong-Pass-1"), HttpStatusCode.Unauthorized);

        Assert.Equal(pbkdf2, await StoredHashAsync(company.CompanyId, user.Id));
    }

    [StoreFact]
    public async Task Token_ForAClientWithAPbkdf2Secret_IsIssued_AndStoresTheSecretAsArgon2id()
    {
        var company = await app.NewCompanyAsync();
        var (clientId, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);
        var pbkdf2 = Pbkdf2(secret);
        await StoreSql.ExecuteAsync(app, $"UPDATE api_clients SET secret_hash = '{pbkdf2}' WHERE id = '{Text(clientId)}'");

        await HttpAssert.ExpectAsync(await app.CreateClient().RequestTokenAsync(clientId.ToString(), secret), HttpStatusCode.OK);

        Assert.Matches(TestCostHash, await StoredSecretHashAsync(clientId));
        await HttpAssert.ExpectAsync(await app.CreateClient().RequestTokenAsync(clientId.ToString(), secret), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Token_WithAWrongSecretForAPbkdf2Hash_IsRefused_AndKeepsTheHash()
    {
        var company = await app.NewCompanyAsync();
        var (clientId, secret) = await company.NewApiClientAsync(company.RootId, RoleCatalog.Coach);
        var pbkdf2 = Pbkdf2(secret);
        await StoreSql.ExecuteAsync(app, $"UPDATE api_clients SET secret_hash = '{pbkdf2}' WHERE id = '{Text(clientId)}'");

        await HttpAssert.ExpectAsync(await app.CreateClient().RequestTokenAsync(clientId.ToString(), secret + "x"), HttpStatusCode.Unauthorized);

        Assert.Equal(pbkdf2, await StoredSecretHashAsync(clientId));
    }

    [StoreFact]
    public void TheDecoy_ForUnknownNames_IsAnArgon2idHashAtTheConfiguredCost()
    {
        using var costlier = app.Sibling(new Dictionary<string, string?> { ["Auth:Argon2MemoryKib"] = "64", ["Auth:Argon2Iterations"] = "3" });

        Assert.Matches(@"^\$argon2id\$v=19\$m=64,t=3,p=1\$", costlier.Services.GetRequiredService<PasswordHashing>().DecoyHash);
        Assert.Matches(TestCostHash, app.Services.GetRequiredService<PasswordHashing>().DecoyHash);
    }

    /// <summary>A hash as the service made them before Argon2id (ASP.NET Core Identity's format; a few iterations, to stay fast).</summary>
    private static string Pbkdf2(string password) =>
        new PasswordHasher<object>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 1000 }))
            .HashPassword(new object(), password);

    /// <summary>An id as both stores take it in SQL text (SQLite keeps upper-case text; PostgreSQL reads either case).</summary>
    private static string Text(Guid id) => id.ToString("D").ToUpperInvariant();

    private async Task<string?> StoredHashAsync(Guid companyId, Guid userId) =>
        (await StoreReads.FindUserAsync(app, companyId, userId))!.PasswordHash;

    private async Task<string?> StoredSecretHashAsync(Guid clientId)
    {
        await using var session = await app.Services.GetRequiredService<IDatabase>().BeginAsync(write: false, CancellationToken.None);
        return (await session.Clients.FindAsync(clientId, CancellationToken.None))!.SecretHash;
    }

    private static Task<HttpResponseMessage> LoginAsync(WebApplicationFactory<Program> instance, string username, string password) =>
        FleetUsersApp.ClientOf(instance).PostJsonAsync("/api/auth/user", new JsonObject { ["username"] = username, ["password"] = password });
}
