namespace FleetUsers.Application.Retention;

/// <summary>What grows with every change and is kept only for a while: deleted past its retention, now and then.</summary>
public interface IRetention
{
    /// <summary>What it deletes, as the log names it: "events", "audit entries".</summary>
    string Name { get; }

    /// <summary>How often each instance deletes what is past retention.</summary>
    TimeSpan Interval { get; }

    /// <summary>Deletes what is past retention; how many rows it deleted.</summary>
    Task<int> PurgeAsync(CancellationToken ct);
}
