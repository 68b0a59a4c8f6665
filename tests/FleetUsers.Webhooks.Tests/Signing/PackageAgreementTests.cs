using System.Text;
using CsCheck;
using FleetUsers.Webhooks.Signing;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using static FleetUsers.Webhooks.Tests.Signing.PublishedVectors;

namespace FleetUsers.Webhooks.Tests.Signing;

/// <summary>
/// Our signing against the <c>StandardWebhooks</c> NuGet package (1.1.2): they agree on every
/// signature, and each verifies the other's. Where the package departs from the specification is
/// shown too: that is why the library implements the specification itself (see its README).
/// </summary>
public sealed class PackageAgreementTests
{
    private static readonly Gen<string> Id = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"].Array[1, 40].Select(c => new string(c));

    private static readonly Gen<string> Body = Gen.String;

    private static readonly Gen<long> UnixSeconds = Gen.Long[0, 4_102_444_800];

    private static HeaderDictionary Headers(string id, DateTimeOffset timestamp, string signature) => new()
    {
        [WebhookSignature.IdHeader] = id,
        [WebhookSignature.TimestampHeader] = timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        [WebhookSignature.SignatureHeader] = signature,
    };

    [Fact]
    public void Package_SignsThePublishedVectorAsWeDo() =>
        Assert.Equal(Signature, new StandardWebhook(Secret).Sign(MessageId, SentAt, Payload));

    [Fact]
    public void Sign_AgreesWithThePackage_ForAnyIdTimestampAndBody() =>
        Gen.Select(Id, UnixSeconds, Body).Sample((id, seconds, body) =>
        {
            var secret = WebhookSecret.Generate();
            var at = DateTimeOffset.FromUnixTimeSeconds(seconds);
            Assert.Equal(new StandardWebhook(secret).Sign(id, at, body), WebhookSignature.Sign(secret, id, at, Encoding.UTF8.GetBytes(body)));
        }, iter: 300);

    [Fact]
    public void ThePackage_VerifiesOurSignatures_AndWeVerifyItsOwn() =>
        Gen.Select(Id, Body).Sample((id, body) =>
        {
            var secret = WebhookSecret.Generate();
            var now = DateTimeOffset.UtcNow;
            var package = new StandardWebhook(secret);
            var ours = WebhookSignature.Sign(secret, id, now, Encoding.UTF8.GetBytes(body));

            package.Verify(body, Headers(id, now, ours)); // throws when it does not verify
            Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(
                secret, id, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                package.Sign(id, now, body), Encoding.UTF8.GetBytes(body), now));
        }, iter: 100);

    [Fact]
    public void ThePackage_MissesAValidSignatureListedLast_WhichTheSpecificationAccepts()
    {
        // The specification: try each space-separated signature until one matches. Package 1.1.2 compares
        // the whole header, not the last entry, with the expected signature.
        var now = DateTimeOffset.UtcNow;
        var valid = WebhookSignature.Sign(Secret, MessageId, now, PayloadBytes);
        var header = $"{WrongV1} {valid}";

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(Secret).Verify(Payload, Headers(MessageId, now, header)));
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(
            Secret, MessageId, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), header, PayloadBytes, now));
    }
}
