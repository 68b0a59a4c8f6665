using FleetUsers.Webhooks.Retry;

namespace FleetUsers.Webhooks;

/// <summary>Bound from <c>Webhooks:*</c>. The defaults and why are in this project's README.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    public int FirstRetrySeconds { get; set; } = 5;

    public int MaxRetrySeconds { get; set; } = 3600;

    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(72);

    public int MaxRetryAfterSeconds { get; set; } = 86400;

    public TimeSpan DisableEndpointAfter { get; set; } = TimeSpan.FromDays(5);

    public int TimeoutSeconds { get; set; } = 15;

    public int MaxResponseBodyBytes { get; set; } = 4096;

    public bool AllowPrivateTargets { get; set; }

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public WebhookOptions Checked()
    {
        var problems = new List<string>();
        if (FirstRetrySeconds < 1)
        {
            problems.Add("Webhooks:FirstRetrySeconds must be at least 1.");
        }
        if (MaxRetrySeconds < FirstRetrySeconds)
        {
            problems.Add("Webhooks:MaxRetrySeconds must be at least Webhooks:FirstRetrySeconds.");
        }
        if (GiveUpAfter <= TimeSpan.Zero)
        {
            problems.Add("Webhooks:GiveUpAfter must be positive.");
        }
        if (MaxRetryAfterSeconds < 0)
        {
            problems.Add("Webhooks:MaxRetryAfterSeconds must not be negative.");
        }
        if (DisableEndpointAfter <= TimeSpan.Zero)
        {
            problems.Add("Webhooks:DisableEndpointAfter must be positive.");
        }
        if (TimeoutSeconds is < 1 or > 300)
        {
            problems.Add("Webhooks:TimeoutSeconds must be between 1 and 300.");
        }
        if (MaxResponseBodyBytes is < 0 or > 1024 * 1024)
        {
            problems.Add("Webhooks:MaxResponseBodyBytes must be between 0 and 1048576.");
        }
        return problems.Count == 0 ? this : throw new InvalidOperationException(string.Join(" ", problems));
    }

    public RetrySchedule ToRetrySchedule() => new(
        TimeSpan.FromSeconds(FirstRetrySeconds), TimeSpan.FromSeconds(MaxRetrySeconds), GiveUpAfter,
        TimeSpan.FromSeconds(MaxRetryAfterSeconds));

    public FailingEndpointPolicy ToFailingEndpointPolicy() => new(DisableEndpointAfter);
}
