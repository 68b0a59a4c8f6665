namespace FleetUsers.Application.Audit;

/// <summary>How long the audit trails, of users and of groups, are kept (<c>Audit:*</c>).</summary>
public sealed class AuditOptions
{
    public const int DefaultRetentionDays = 365;

    /// <summary>Entries older than this many days are deleted; 0 keeps them for good.</summary>
    public int RetentionDays { get; set; } = DefaultRetentionDays;

    /// <summary>How often the service deletes the entries past retention.</summary>
    public int CleanupIntervalMinutes { get; set; } = 60;
}
