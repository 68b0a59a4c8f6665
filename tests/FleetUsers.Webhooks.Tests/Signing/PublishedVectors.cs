namespace FleetUsers.Webhooks.Tests.Signing;

/// <summary>
/// The test vector every library of the standard-webhooks repository checks (its C#, Go, JavaScript
/// and Python tests: <c>sign function works</c>), and the wrong signatures those tests use.
/// </summary>
internal static class PublishedVectors
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string UnprefixedSecret = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string MessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    public const long Timestamp = 1614265330;
    public const string Payload = "{\"test\": 2432232314}";
    public const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    /// <summary>The Python library's "invalid signature": the right one with its last character changed.</summary>
    public const string AlmostTheSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=";

    /// <summary>Decoys of the multi-signature tests: a wrong v1, and a v2 no receiver knows.</summary>
    public const string WrongV1 = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
    public const string UnknownV2 = "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";

    public static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    public static byte[] PayloadBytes => System.Text.Encoding.UTF8.GetBytes(Payload);
}
