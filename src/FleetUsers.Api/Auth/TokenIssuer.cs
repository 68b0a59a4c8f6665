using System.Security.Claims;
using FleetUsers.Application.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FleetUsers.Api.Auth;

public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Company = "company_id";
    public const string Username = "preferred_username";
}

/// <summary>Signs access tokens (JWT, HMAC-SHA256) for a user who logged in.</summary>
public sealed class TokenIssuer(SigningCredentials credentials, AuthOptions options, TimeProvider clock)
{
    public TimeSpan Lifetime => options.TokenLifetime;

    public string Issue(AuthenticatedUser user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.TokenLifetime,
            SigningCredentials = credentials,
            Subject = new ClaimsIdentity(
            [
                new Claim(TokenClaims.Subject, user.UserId.ToString()),
                new Claim(TokenClaims.Company, user.CompanyId.ToString()),
                new Claim(TokenClaims.Username, user.Username),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
        });
    }
}
