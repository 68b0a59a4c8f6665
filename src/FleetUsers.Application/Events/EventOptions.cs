namespace FleetUsers.Application.Events;

/// <summary>How long events are kept (<c>Events:*</c>).</summary>
public sealed class EventOptions
{
    public const int DefaultRetentionDays = 30;

    /// <summary>Events older than this many days are deleted: a feed consumer must read within that time.</summary>
    public int RetentionDays { get; set; } = DefaultRetentionDays;

    /// <summary>How often the service deletes the events past retention.</summary>
    public int CleanupIntervalMinutes { get; set; } = 60;
}
