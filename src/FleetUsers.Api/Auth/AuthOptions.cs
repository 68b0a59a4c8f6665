namespace FleetUsers.Api.Auth;

/// <summary>Bound from <c>Auth:*</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>
    /// The HMAC key that signs tokens: base64 of at least 32 bytes, or text of at least 32
    /// characters. Every instance behind one load balancer needs the same key. When unset
    /// with SQLite, a key is generated once and kept next to the database file.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Keys that signed tokens before the current one (<c>Auth:PreviousSigningKeys:0</c>, <c>:1</c>, ...): tokens
    /// they signed are still accepted, but new tokens are signed with <see cref="SigningKey"/> only. Drop a key
    /// once the tokens it signed have expired (one token lifetime after the rotation).
    /// </summary>
    public List<string> PreviousSigningKeys { get; set; } = [];

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public string Issuer { get; set; } = "FleetUsers";

    public string Audience { get; set; } = "FleetUsers";
}
