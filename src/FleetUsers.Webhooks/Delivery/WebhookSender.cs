using System.Globalization;
using System.Net.Http.Headers;
using FleetUsers.Webhooks.Signing;
using FleetUsers.Webhooks.Targets;

namespace FleetUsers.Webhooks.Delivery;

/// <summary>
/// Sends one signed event to one URL and says how it went. Network failures, timeouts and refused
/// targets are outcomes, never exceptions; only the caller's own cancellation and a malformed
/// message (its id or secret) throw. One instance is meant to live as long as the process (it
/// pools connections).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly WebhookOptions options;
    private readonly TimeProvider clock;
    private readonly HttpClient client;

    public WebhookSender(WebhookOptions options, TimeProvider? clock = null, HostResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Checked();
        this.clock = clock ?? TimeProvider.System;
        Policy = new TargetPolicy(options.AllowPrivateTargets);
        client = DeliveryHttpClient.Create(Policy, resolver ?? HostResolvers.System);
    }

    public TargetPolicy Policy { get; }

    /// <summary>
    /// POSTs the body, signed with the attempt's time as <c>webhook-timestamp</c> (the specification's
    /// meaning: receivers refuse one more than minutes old, so each retry carries a fresh one).
    /// </summary>
    public async Task<DeliveryOutcome> SendAsync(WebhookMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attemptedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        if (Policy.CheckUrl(message.Url) is { } refusal)
        {
            return new DeliveryOutcome(DeliveryResult.TargetRefused, attemptedAt, TimeSpan.Zero, Error: refusal);
        }
        using var request = Request(message, attemptedAt);
        using var timeout = new CancellationTokenSource(options.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(DeliveryResult.Timeout, $"no answer within {options.TimeoutSeconds} s");
        }
        catch (Exception e) when (FailureText.Refusal(e) is { } refused)
        {
            return Failed(DeliveryResult.TargetRefused, refused.Message);
        }
        catch (Exception e) when (FailureText.IsNetworkFailure(e))
        {
            return Failed(DeliveryResult.NetworkError, FailureText.Of(e));
        }
        using (response)
        {
            var body = await BoundedBody.ReadAsync(response, options.MaxResponseBodyBytes, linked.Token, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var succeeded = status is >= 200 and < 300;
            return new DeliveryOutcome(
                succeeded ? DeliveryResult.Succeeded : DeliveryResult.HttpError,
                attemptedAt,
                clock.GetElapsedTime(started),
                status,
                succeeded ? null : DeliveryOutcome.Truncate(FailureText.OfStatus(response)),
                body,
                succeeded ? null : RetryAfter(response.Headers.RetryAfter));
        }

        DeliveryOutcome Failed(DeliveryResult result, string error) =>
            new(result, attemptedAt, clock.GetElapsedTime(started), Error: DeliveryOutcome.Truncate(error));
    }

    public void Dispose() => client.Dispose();

    private static HttpRequestMessage Request(WebhookMessage message, DateTimeOffset attemptedAt)
    {
        var timestamp = attemptedAt.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(WebhookSecret.Key(message.Secret), message.EventId, timestamp, message.Body.Span);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(message.Url)) { Content = new ReadOnlyMemoryContent(message.Body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Add(WebhookSignature.IdHeader, message.EventId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, signature);
        return request;
    }

    /// <summary>Seconds as given; an HTTP date as the time left until it (none left: zero).</summary>
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > clock.GetUtcNow() ? date - clock.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };
}
