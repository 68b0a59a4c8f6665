using System.Security.Cryptography;

namespace FleetUsers.Webhooks.Signing;

/// <summary>
/// A Standard Webhooks signing secret: <c>whsec_</c> followed by the base64 of a random key of
/// 24 to 64 bytes (the specification's bounds). One per endpoint, shown to its owner once.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int MinKeyBytes = 24;
    public const int MaxKeyBytes = 64;
    public const int DefaultKeyBytes = 32;

    public static string Generate(int keyBytes = DefaultKeyBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keyBytes, MinKeyBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keyBytes, MaxKeyBytes);
        return Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(keyBytes));
    }

    /// <summary>
    /// The HMAC key a secret stands for: the base64 after the prefix. The prefix is optional, as in the
    /// specification's own libraries, so a receiver may paste the secret either way.
    /// </summary>
    /// <exception cref="FormatException">The secret is not base64, or is empty.</exception>
    public static byte[] Key(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var encoded = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret;
        byte[] key;
        try
        {
            key = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            // The secret itself stays out of the message: messages end up in logs.
            throw new FormatException($"A webhook secret is \"{Prefix}\" followed by base64.");
        }
        return key.Length > 0 ? key : throw new FormatException("A webhook secret must not be empty.");
    }
}
