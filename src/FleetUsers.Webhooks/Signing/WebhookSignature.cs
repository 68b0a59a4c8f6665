using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FleetUsers.Webhooks.Signing;

/// <summary>
/// Standard Webhooks symmetric signatures: <c>v1,</c> and the base64 of the HMAC-SHA256 of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the secret's decoded key.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string Version = "v1";

    /// <summary>How far a timestamp may be from the receiver's clock (the specification's libraries use 5 minutes).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, string id, DateTimeOffset timestamp, ReadOnlySpan<byte> body) =>
        Sign(WebhookSecret.Key(secret), id, timestamp.ToUnixTimeSeconds(), body);

    public static string Sign(byte[] key, string id, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckId(id);
        return $"{Version},{Base64Mac(key, id, unixSeconds.ToString(CultureInfo.InvariantCulture), body)}";
    }

    /// <summary>
    /// Checks a delivery as a receiver would: the three headers present, the timestamp within
    /// <paramref name="tolerance"/> of <paramref name="now"/> (replays are refused), and one of the
    /// space-separated <c>v1</c> signatures matching (several are sent while a secret is rotated;
    /// other versions and malformed entries are skipped). Signatures are compared in fixed time.
    /// </summary>
    public static SignatureCheck Verify(
        string secret, string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body,
        DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return SignatureCheck.MissingHeader;
        }
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureCheck.InvalidTimestamp;
        }
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var window = tolerance ?? DefaultTolerance;
        if (sentAt < now - window)
        {
            return SignatureCheck.TimestampTooOld;
        }
        if (sentAt > now + window)
        {
            return SignatureCheck.TimestampTooNew;
        }
        // The timestamp is signed as the header spells it, so a receiver needs no reformatting.
        var expected = Encoding.ASCII.GetBytes(Base64Mac(WebhookSecret.Key(secret), id, timestamp, body));
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || entry[..comma] != Version)
            {
                continue;
            }
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(entry[(comma + 1)..])))
            {
                return SignatureCheck.Valid;
            }
        }
        return SignatureCheck.NoMatchingSignature;
    }

    private static string Base64Mac(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes($"{id}.{timestamp}."));
        hmac.AppendData(body);
        return Convert.ToBase64String(hmac.GetHashAndReset());
    }

    /// <summary>
    /// The specification: the id must not contain a full stop (it delimits the signed content). It
    /// travels in a header too, so it is printable ASCII without spaces.
    /// </summary>
    private static void CheckId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.Any(c => c is '.' or <= ' ' or > '~'))
        {
            throw new ArgumentException("A webhook id is printable ASCII without spaces or full stops.", nameof(id));
        }
    }
}

public enum SignatureCheck
{
    Valid,
    MissingHeader,
    InvalidTimestamp,
    TimestampTooOld,
    TimestampTooNew,
    NoMatchingSignature,
}
