using System.Globalization;
using System.Text;
using FleetUsers.Webhooks.Delivery;
using FleetUsers.Webhooks.Signing;
using FleetUsers.Webhooks.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using StandardWebhooks;

namespace FleetUsers.Webhooks.Tests.Delivery;

/// <summary>Deliveries to a real receiver on 127.0.0.1, and how every kind of answer comes back.</summary>
public sealed class SenderTests(Receiver receiver) : IClassFixture<Receiver>
{
    private static readonly string Secret = WebhookSecret.Generate();

    private static readonly byte[] Event = Encoding.UTF8.GetBytes(
        """{"id":"01JNQ3Z8M2K7X4V6B9C0D1E2F3","type":"user.updated","occurredAt":"2026-03-06T18:00:00.000000+00:00","data":{"firstName":"Zoë"}}""");

    private static WebhookSender Sender(TimeProvider? clock = null, int timeoutSeconds = 15) =>
        new(new WebhookOptions { AllowPrivateTargets = true, TimeoutSeconds = timeoutSeconds }, clock);

    private static WebhookMessage Message(string url, string eventId = "evt_01JNQ3Z8M2K7X4V6B9C0D1E2F3") => new(url, Secret, eventId, Event);

    [Fact]
    public async Task Send_ToAReceiverThatAccepts_ArrivesSignedAndSucceeds()
    {
        var test = Receiver.NewTest();
        using var sender = Sender();

        var outcome = await sender.SendAsync(Message(receiver.Url("ok", test)));

        Assert.Equal(DeliveryResult.Succeeded, outcome.Result);
        Assert.Equal(204, outcome.StatusCode);
        Assert.Null(outcome.Error);
        var request = Assert.Single(receiver.For(test));
        Assert.Equal("POST", request.Method);
        Assert.Equal(Event, request.Body);
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("FleetUsers-Webhooks/1.0", request.Header("User-Agent"));
        Assert.Equal("evt_01JNQ3Z8M2K7X4V6B9C0D1E2F3", request.Header("webhook-id"));
        Assert.Equal(outcome.AttemptedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), request.Header("webhook-timestamp"));
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(
            Secret, request.Header("webhook-id"), request.Header("webhook-timestamp"), request.Header("webhook-signature"),
            request.Body, DateTimeOffset.UtcNow));
        new StandardWebhook(Secret).Verify(Encoding.UTF8.GetString(request.Body), request.Headers); // throws unless it verifies
    }

    [Fact]
    public async Task Send_AgainAnHourLater_KeepsTheIdAndSignsAFreshTimestamp()
    {
        var test = Receiver.NewTest();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 6, 18, 0, 0, TimeSpan.Zero));
        using var sender = Sender(clock);

        await sender.SendAsync(Message(receiver.Url("ok", test)));
        clock.Advance(TimeSpan.FromHours(1));
        await sender.SendAsync(Message(receiver.Url("ok", test)));

        var (first, retry) = (receiver.For(test)[0], receiver.For(test)[1]);
        Assert.Equal(first.Header("webhook-id"), retry.Header("webhook-id"));
        Assert.Equal("1772820000", first.Header("webhook-timestamp"));
        Assert.Equal("1772823600", retry.Header("webhook-timestamp"));
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(
            Secret, retry.Header("webhook-id"), retry.Header("webhook-timestamp"), retry.Header("webhook-signature"), retry.Body, clock.GetUtcNow()));
    }

    [Fact]
    public async Task Send_ToAReceiverThatFails_KeepsTheStatusAndWhatItSaid()
    {
        using var sender = Sender();

        var outcome = await sender.SendAsync(Message(receiver.Url("error", Receiver.NewTest())));

        Assert.Equal(DeliveryResult.HttpError, outcome.Result);
        Assert.Equal(500, outcome.StatusCode);
        Assert.Equal("HTTP 500 Internal Server Error", outcome.Error);
        Assert.Equal("database on fire", outcome.ResponseBody);
        Assert.Null(outcome.RetryAfter);
        Assert.False(outcome.EndpointGone);
    }

    [Fact]
    public async Task Send_ToAReceiverThatAnswersGone_SaysTheEndpointIsGone()
    {
        using var sender = Sender();

        var outcome = await sender.SendAsync(Message(receiver.Url("gone", Receiver.NewTest())));

        Assert.Equal(410, outcome.StatusCode);
        Assert.True(outcome.EndpointGone);
    }

    [Fact]
    public async Task Send_ToARedirect_FailsWithoutFollowingIt()
    {
        var test = Receiver.NewTest();
        using var sender = Sender();

        var outcome = await sender.SendAsync(Message(receiver.Url("redirect", test)));

        Assert.Equal(DeliveryResult.HttpError, outcome.Result);
        Assert.Equal(302, outcome.StatusCode);
        Assert.Contains("redirects are not followed", outcome.Error, StringComparison.Ordinal);
        var only = Assert.Single(receiver.For(test));
        Assert.False(only.Redirected);
    }

    [Fact]
    public async Task Send_ToABusyReceiver_ReadsRetryAfterInSeconds()
    {
        using var sender = Sender();

        var outcome = await sender.SendAsync(Message(receiver.Url("busy", Receiver.NewTest())));

        Assert.Equal(429, outcome.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), outcome.RetryAfter);
    }

    [Fact]
    public async Task Send_ToAnUnavailableReceiver_ReadsRetryAfterAsAnHttpDate()
    {
        using var sender = Sender(new FakeTimeProvider(Receiver.RetryAfterDate - TimeSpan.FromHours(1)));

        var outcome = await sender.SendAsync(Message(receiver.Url("unavailable", Receiver.NewTest())));

        Assert.Equal(503, outcome.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), outcome.RetryAfter);
    }

    [Fact]
    public async Task Send_ToAReceiverThatDoesNotAnswer_TimesOut()
    {
        using var sender = Sender(timeoutSeconds: 1);

        var outcome = await sender.SendAsync(Message(receiver.Url("slow", Receiver.NewTest())));

        Assert.Equal(DeliveryResult.Timeout, outcome.Result);
        Assert.Null(outcome.StatusCode);
        Assert.Equal("no answer within 1 s", outcome.Error);
    }

    [Fact]
    public async Task Send_ToAReceiverWithAHugeBody_KeepsTheBoundAndReadsNoFurther()
    {
        using var responder = new EndlessResponder();
        using var sender = Sender();

        var outcome = await sender.SendAsync(Message(responder.Url));

        Assert.Equal(DeliveryResult.Succeeded, outcome.Result);
        Assert.Equal(new string('x', 4096), outcome.ResponseBody);
        // The sender hung up: the receiver's writes failed long before the body's end, once the
        // socket buffers between the two were full.
        var written = await responder.Written.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(written < 64L * 1024 * 1024, $"the receiver wrote {written} bytes before the sender hung up");
    }

    [Fact]
    public async Task Send_AfterALargeBody_DropsTheConnectionRatherThanReadTheRest()
    {
        var (small, large) = (Receiver.NewTest(), Receiver.NewTest());
        using var sender = Sender();

        await sender.SendAsync(Message(receiver.Url("ok", small)));
        await sender.SendAsync(Message(receiver.Url("ok", small)));
        await sender.SendAsync(Message(receiver.Url("large", large)));
        await sender.SendAsync(Message(receiver.Url("large", large)));

        // A body read to its end leaves the connection for the next delivery; one read only up to
        // the bound is not drained (which would read up to 1 MiB more), so its connection is dropped.
        Assert.Single(receiver.For(small).Select(r => r.ConnectionId).Distinct());
        Assert.Equal(2, receiver.For(large).Select(r => r.ConnectionId).Distinct().Count());
    }

    [Fact]
    public async Task Send_ToAReceiverWithHugeHeaders_IsANetworkError()
    {
        using var sender = Sender();

        var outcome = await sender.SendAsync(Message(receiver.Url("big-headers", Receiver.NewTest())));

        Assert.Equal(DeliveryResult.NetworkError, outcome.Result);
    }

    [Fact]
    public async Task Send_AfterAReceiverSetACookie_DoesNotSendItBack()
    {
        var test = Receiver.NewTest();
        using var sender = Sender();

        await sender.SendAsync(Message(receiver.Url("cookie", test)));
        await sender.SendAsync(Message(receiver.Url("ok", test)));

        Assert.All(receiver.For(test), r => Assert.False(r.Headers.ContainsKey("Cookie")));
    }

    [Fact]
    public async Task Send_WhenTheCallerCancels_Throws()
    {
        using var sender = Sender();
        using var cancel = new CancellationTokenSource();
        var sending = sender.SendAsync(Message(receiver.Url("slow", Receiver.NewTest())), cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Theory]
    [InlineData("evt.1", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("evt 1", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("evt_1", "whsec_not base64")]
    public async Task Send_AMalformedMessage_IsTheCallersMistake(string eventId, string secret)
    {
        var test = Receiver.NewTest();
        using var sender = Sender();

        var error = await Record.ExceptionAsync(() => sender.SendAsync(new WebhookMessage(receiver.Url("ok", test), secret, eventId, Event)));

        Assert.True(error is ArgumentException or FormatException, $"{error?.GetType().Name} thrown");
        Assert.Empty(receiver.For(test));
    }

    [Fact]
    public void Message_WhenPrinted_LeavesTheSecretOut() =>
        Assert.DoesNotContain(Secret, Message("https://hooks.example.com/").ToString(), StringComparison.Ordinal);
}
