using System.Security.Cryptography;
using System.Text;
using FleetUsers.Application.Clients;

namespace FleetUsers.Application.Scim;

/// <summary>
/// A SCIM client's long-lived bearer token: <c>scim.{clientId}.{secret}</c>, the secret 32 random
/// bytes. Only the SHA-256 of the secret is stored: 256 random bits need no slow hash, and a
/// fast check lets every SCIM request carry the token.
/// </summary>
public static class ScimTokens
{
    public const string Prefix = "scim.";

    public sealed record NewToken(string Secret);

    public static NewToken New() => new(ApiClientService.Base64Url(RandomNumberGenerator.GetBytes(ApiClientService.SecretBytes)));

    public static string Format(Guid clientId, string secret) => $"{Prefix}{clientId:N}.{secret}";

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The client id and secret of a token of this form; null for anything else.</summary>
    public static (Guid ClientId, string Secret)? Parse(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = token[Prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && Guid.TryParseExact(rest[..dot], "N", out var clientId) && dot + 1 < rest.Length
            ? (clientId, rest[(dot + 1)..])
            : null;
    }

    /// <summary>Compares in constant time, so a wrong token tells nothing about the right one.</summary>
    public static bool Matches(string secret, string? storedHash) =>
        storedHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}
