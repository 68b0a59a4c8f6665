using System.Security.Claims;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Clients;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FleetUsers.Api.Auth;

public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Company = "company_id";
    public const string Username = "preferred_username";

    /// <summary>Present only in tokens of API clients (RFC 9068's client_id; there it equals sub).</summary>
    public const string ClientId = "client_id";

    /// <summary>The user's security stamp when the token was issued (absent while it is empty); must still match on every request.</summary>
    public const string SecurityStamp = "security_stamp";
}

/// <summary>Signs access tokens (JWT, HMAC-SHA256) for a user who logged in or an API client.</summary>
public sealed class TokenIssuer(SigningCredentials credentials, AuthOptions options, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new(); // thread-safe; one serves every token
    public TimeSpan Lifetime => options.TokenLifetime;

    public string Issue(AuthenticatedUser user) =>
        Issue(user.UserId, user.CompanyId, user.SecurityStamp.Length == 0
            ? [new Claim(TokenClaims.Username, user.Username)]
            : [new Claim(TokenClaims.Username, user.Username), new Claim(TokenClaims.SecurityStamp, user.SecurityStamp)]);

    public string Issue(AuthenticatedClient client) =>
        Issue(client.ClientId, client.CompanyId, [new Claim(TokenClaims.ClientId, client.ClientId.ToString())]);

    private string Issue(Guid subject, Guid companyId, Claim[] kind)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.TokenLifetime,
            SigningCredentials = credentials,
            Subject = new ClaimsIdentity(
            [
                new Claim(TokenClaims.Subject, subject.ToString()),
                new Claim(TokenClaims.Company, companyId.ToString()),
                .. kind,
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
        });
    }
}
