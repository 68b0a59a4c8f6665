namespace FleetUsers.Webhooks.Delivery;

public enum DeliveryResult
{
    /// <summary>A 2xx answer.</summary>
    Succeeded,
    /// <summary>Any other status, 3xx included (redirects are not followed).</summary>
    HttpError,
    /// <summary>No answer within the timeout.</summary>
    Timeout,
    /// <summary>DNS, connection, TLS or protocol failure.</summary>
    NetworkError,
    /// <summary>The URL, or every address its host resolved to, is refused by the SSRF policy; nothing was sent.</summary>
    TargetRefused,
}

/// <summary>
/// What one attempt came to, for the delivery log and the retry schedule. <see cref="AttemptedAt"/>
/// is also the <c>webhook-timestamp</c> the attempt was signed with; <see cref="ResponseTime"/> runs
/// to the end of the (bounded) response; <see cref="RetryAfter"/> is the receiver's Retry-After
/// (seconds or an HTTP date, from the attempt's end) on a failed answer.
/// </summary>
public sealed record DeliveryOutcome(
    DeliveryResult Result,
    DateTimeOffset AttemptedAt,
    TimeSpan ResponseTime,
    int? StatusCode = null,
    string? Error = null,
    string? ResponseBody = null,
    TimeSpan? RetryAfter = null)
{
    public const int MaxErrorLength = 500;

    public bool Succeeded => Result == DeliveryResult.Succeeded;

    /// <summary>410 Gone: the receiver wants no more deliveries (the specification: disable the endpoint).</summary>
    public bool EndpointGone => StatusCode == 410;

    public DateTimeOffset CompletedAt => AttemptedAt + ResponseTime;

    internal static string? Truncate(string? text) =>
        text is { Length: > MaxErrorLength } ? string.Concat(text.AsSpan(0, MaxErrorLength - 1), "…") : text;
}
