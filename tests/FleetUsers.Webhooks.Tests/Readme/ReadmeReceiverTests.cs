using System.Globalization;
using System.Text;
using FleetUsers.Webhooks.Delivery;
using FleetUsers.Webhooks.Signing;
using FleetUsers.Webhooks.Tests.Support;
using static FleetUsers.Webhooks.Tests.Signing.PublishedVectors;

namespace FleetUsers.Webhooks.Tests.Readme;

/// <summary>The README's C# receiver: the same text as <see cref="WebhookVerifier"/>, and it verifies real deliveries.</summary>
public sealed class ReadmeReceiverTests(Receiver receiver) : IClassFixture<Receiver>
{
    private const string Start = "static class WebhookVerifier";

    private static string Normalized(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static bool VerifyVector(string signatures = Signature, string payload = Payload, int secondsLater = 0) =>
        WebhookVerifier.Verify(Secret, MessageId, Timestamp.ToString(CultureInfo.InvariantCulture), signatures,
            Encoding.UTF8.GetBytes(payload), SentAt.AddSeconds(secondsLater));

    [Fact]
    public void TheReadme_ShowsTheVerifierThatIsTested()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "LibraryReadme.md"));
        var fromReadme = readme[readme.IndexOf(Start, StringComparison.Ordinal)..];
        fromReadme = fromReadme[..fromReadme.IndexOf("```", StringComparison.Ordinal)];
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ReadmeWebhookVerifier.cs"));

        Assert.Equal(Normalized(source[source.IndexOf(Start, StringComparison.Ordinal)..]), Normalized(fromReadme));
    }

    [Fact]
    public void Verify_ThePublishedVector_IsTrue() => Assert.True(VerifyVector());

    [Fact]
    public void Verify_WithTheValidSignatureAmongOthers_IsTrue() => Assert.True(VerifyVector($"{WrongV1} {UnknownV2} {Signature}"));

    [Fact]
    public void Verify_AChangedBody_IsFalse() => Assert.False(VerifyVector(payload: "{\"test\": 2432232315}"));

    [Fact]
    public void Verify_AnAlmostRightSignature_IsFalse() => Assert.False(VerifyVector(AlmostTheSignature));

    [Fact]
    public void Verify_ADeliveryMoreThanFiveMinutesOld_IsFalse() => Assert.False(VerifyVector(secondsLater: 301));

    [Fact]
    public async Task Verify_ARealDelivery_IsTrue()
    {
        var test = Receiver.NewTest();
        var secret = WebhookSecret.Generate();
        using var sender = new WebhookSender(new WebhookOptions { AllowPrivateTargets = true });

        await sender.SendAsync(new WebhookMessage(receiver.Url("ok", test), secret, "evt_42", Encoding.UTF8.GetBytes("""{"type":"group.moved"}""")));

        var request = Assert.Single(receiver.For(test));
        Assert.True(WebhookVerifier.Verify(
            secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"],
            request.Body, DateTimeOffset.UtcNow));
    }
}
