using System.Security.Cryptography;
using System.Text;

namespace FleetUsers.Webhooks.Tests.Readme;

// The receiver example of src/FleetUsers.Webhooks/README.md, word for word from "static class" on
// (ReadmeReceiverTests compares the two): what receivers are told to run is what is tested.
static class WebhookVerifier
{
    public static bool Verify(string secret, string? id, string? timestamp, string? signatures, byte[] body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(signatures) || !long.TryParse(timestamp, out var seconds))
        {
            return false;
        }
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300) // a replay, or a clock far off
        {
            return false;
        }
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray());
        var expected = Encoding.ASCII.GetBytes($"v1,{Convert.ToBase64String(mac)}");
        return signatures.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}
