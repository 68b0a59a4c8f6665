namespace FleetUsers.Application.Webhooks;

/// <summary>The delivery worker's own settings (<c>Webhooks:*</c>, beside the sender's and the schedule's).</summary>
public sealed class WebhookWorkerOptions
{
    /// <summary>How often a worker with nothing to do looks for events to deliver.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>How long an instance holds an endpoint without renewing: after an instance dies, its endpoints wait this long.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Endpoints one instance delivers to at once (one at a time each, in order).</summary>
    public int Workers { get; set; } = 4;

    /// <summary>
    /// How long after start the worker begins: not at the very start, when other instances and the command
    /// line may be migrating (SQLite's migration takes the file's lock; RetentionCleanup waits too).
    /// </summary>
    public int StartDelaySeconds { get; set; } = 30;

    public TimeSpan StartDelay => TimeSpan.FromSeconds(StartDelaySeconds);

    public TimeSpan Poll => TimeSpan.FromMilliseconds(PollMilliseconds);

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>Every bad setting, named; empty when all are good.</summary>
    public IReadOnlyList<string> Problems(int timeoutSeconds)
    {
        var problems = new List<string>();
        if (PollMilliseconds is < 10 or > 600_000)
        {
            problems.Add("Webhooks:PollMilliseconds must be between 10 and 600000 (default 1000)");
        }
        if (LeaseSeconds <= timeoutSeconds)
        {
            problems.Add($"Webhooks:LeaseSeconds must be more than Webhooks:TimeoutSeconds ({timeoutSeconds}): a lease must outlast one attempt (default 60)");
        }
        if (StartDelaySeconds is < 0 or > 3600)
        {
            problems.Add("Webhooks:StartDelaySeconds must be between 0 and 3600 (default 30)");
        }
        if (Workers is < 1 or > 64)
        {
            problems.Add("Webhooks:Workers must be between 1 and 64 (default 4)");
        }
        return problems;
    }
}
