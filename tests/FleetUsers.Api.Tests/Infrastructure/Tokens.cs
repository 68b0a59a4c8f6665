using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>What a forged token says; the defaults are what the service itself issues.</summary>
public sealed record TokenSpec(Guid UserId, Guid CompanyId)
{
    public string Issuer { get; init; } = "FleetUsers";
    public string Audience { get; init; } = "FleetUsers";
    public DateTime IssuedAt { get; init; } = DateTime.UtcNow;
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>Tokens made outside the service: with its key (to prove the forging is right), with others, or unsigned.</summary>
public static class Tokens
{
    /// <summary>A JWT signed with HMAC-SHA256 under the given key (base64, as in Auth:SigningKey).</summary>
    public static string Signed(TokenSpec spec, string base64Key) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            IssuedAt = spec.IssuedAt,
            NotBefore = spec.IssuedAt,
            Expires = spec.IssuedAt + spec.Lifetime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Convert.FromBase64String(base64Key)), SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", spec.UserId.ToString()),
                new Claim("company_id", spec.CompanyId.ToString()),
            ]),
        });

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public static string Unsigned(TokenSpec spec)
    {
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["iss"] = spec.Issuer,
            ["aud"] = spec.Audience,
            ["sub"] = spec.UserId.ToString(),
            ["company_id"] = spec.CompanyId.ToString(),
            ["iat"] = new DateTimeOffset(spec.IssuedAt).ToUnixTimeSeconds(),
            ["nbf"] = new DateTimeOffset(spec.IssuedAt).ToUnixTimeSeconds(),
            ["exp"] = new DateTimeOffset(spec.IssuedAt + spec.Lifetime).ToUnixTimeSeconds(),
        };
        return $"{Base64Url(header.ToJsonString())}.{Base64Url(payload.ToJsonString())}.";
    }

    /// <summary>A fresh random key, in the same form as the app's.</summary>
    public static string OtherKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    private static string Base64Url(string text) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(text));
}
