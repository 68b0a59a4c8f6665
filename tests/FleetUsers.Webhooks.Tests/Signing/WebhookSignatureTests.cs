using System.Globalization;
using System.Text;
using FleetUsers.Webhooks.Signing;
using static FleetUsers.Webhooks.Tests.Signing.PublishedVectors;

namespace FleetUsers.Webhooks.Tests.Signing;

/// <summary>The specification's published vector and the verification cases of its libraries' tests.</summary>
public sealed class WebhookSignatureTests
{
    private static readonly string SentAtText = Timestamp.ToString(CultureInfo.InvariantCulture);

    private static SignatureCheck Verify(
        string? id = MessageId, string? timestamp = null, string? signatures = Signature, string payload = Payload,
        DateTimeOffset? now = null, string secret = Secret) =>
        WebhookSignature.Verify(secret, id, timestamp ?? SentAtText, signatures, Encoding.UTF8.GetBytes(payload), now ?? SentAt);

    [Fact]
    public void Sign_ThePublishedVector_GivesThePublishedSignature() =>
        Assert.Equal(Signature, WebhookSignature.Sign(Secret, MessageId, SentAt, PayloadBytes));

    [Fact]
    public void Sign_WithTheSecretWithoutItsPrefix_GivesTheSameSignature() =>
        Assert.Equal(Signature, WebhookSignature.Sign(UnprefixedSecret, MessageId, SentAt, PayloadBytes));

    [Fact]
    public void Sign_AnIdWithAFullStop_IsRefused() =>
        Assert.Throws<ArgumentException>(() => WebhookSignature.Sign(Secret, "msg.1", SentAt, PayloadBytes));

    [Fact]
    public void Verify_ThePublishedVector_IsValid() => Assert.Equal(SignatureCheck.Valid, Verify());

    [Fact]
    public void Verify_WithTheSecretWithoutItsPrefix_IsValid() => Assert.Equal(SignatureCheck.Valid, Verify(secret: UnprefixedSecret));

    [Theory]
    [InlineData(null, "1614265330", Signature)]
    [InlineData(MessageId, "", Signature)]
    [InlineData(MessageId, "1614265330", null)]
    [InlineData("", "1614265330", Signature)]
    public void Verify_WithAHeaderMissing_SaysSo(string? id, string timestamp, string? signatures) =>
        Assert.Equal(SignatureCheck.MissingHeader, Verify(id, timestamp, signatures));

    [Theory]
    [InlineData("hello")]
    [InlineData("-1614265330")]
    [InlineData("1614265330.5")]
    [InlineData("99999999999999999999")]
    public void Verify_WithATimestampThatIsNotUnixSeconds_SaysSo(string timestamp) =>
        Assert.Equal(SignatureCheck.InvalidTimestamp, Verify(timestamp: timestamp));

    [Theory]
    [InlineData(AlmostTheSignature)]
    [InlineData("v1,dawfeoifkpqwoekfpqoekf")]
    [InlineData("v1,g0hM9")]
    [InlineData("v1,")]
    [InlineData(WrongV1)]
    [InlineData("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    public void Verify_WithoutTheRightV1Signature_FindsNoMatch(string signatures) =>
        Assert.Equal(SignatureCheck.NoMatchingSignature, Verify(signatures: signatures));

    [Fact]
    public void Verify_AChangedBody_FindsNoMatch() =>
        Assert.Equal(SignatureCheck.NoMatchingSignature, Verify(payload: "{\"test\": 2432232315}"));

    [Fact]
    public void Verify_AChangedId_FindsNoMatch() =>
        Assert.Equal(SignatureCheck.NoMatchingSignature, Verify(id: "msg_p5jXN8AQM9LWM0D4loKWxJel"));

    [Fact]
    public void Verify_ATimestampMoreThanFiveMinutesOld_IsRefusedAsAReplay() =>
        Assert.Equal(SignatureCheck.TimestampTooOld, Verify(now: SentAt.AddMinutes(5).AddSeconds(1)));

    [Fact]
    public void Verify_ATimestampMoreThanFiveMinutesAhead_IsRefused() =>
        Assert.Equal(SignatureCheck.TimestampTooNew, Verify(now: SentAt.AddMinutes(-5).AddSeconds(-1)));

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Verify_ATimestampExactlyAtTheTolerance_IsValid(int secondsOff) =>
        Assert.Equal(SignatureCheck.Valid, Verify(now: SentAt.AddSeconds(secondsOff)));

    [Fact]
    public void Verify_WithAToleranceOfItsOwn_UsesIt() =>
        Assert.Equal(SignatureCheck.TimestampTooOld, WebhookSignature.Verify(
            Secret, MessageId, SentAtText, Signature, PayloadBytes, SentAt.AddSeconds(31), TimeSpan.FromSeconds(30)));

    [Theory]
    [InlineData(WrongV1, UnknownV2, Signature, WrongV1)] // the libraries' multi-signature case
    [InlineData(Signature, WrongV1)]
    [InlineData(WrongV1, UnknownV2, Signature)]        // the valid one last
    [InlineData("garbage", Signature)]                  // a malformed entry is skipped, as the Go library does
    [InlineData("v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==", Signature)]
    public void Verify_SeveralSpaceSeparatedSignatures_IsValidWhenAnyV1Matches(params string[] signatures) =>
        Assert.Equal(SignatureCheck.Valid, Verify(signatures: string.Join(' ', signatures)));
}
