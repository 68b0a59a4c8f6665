using FleetUsers.Application;
using FleetUsers.Application.Audit;
using FleetUsers.Application.Events;
using FleetUsers.Application.Retention;

namespace FleetUsers.Api.Hosting;

/// <summary>
/// Deletes what is past retention now and then: events (<see cref="EventOptions"/>) and audit entries
/// (<see cref="AuditOptions"/>), each on its own interval. A failed round (the database out of reach) is
/// logged and tried again next time: it never stops the service.
/// </summary>
public sealed partial class RetentionCleanup(IEnumerable<IRetention> retentions, ILogger<RetentionCleanup> log) : BackgroundService
{
    private static readonly TimeSpan FirstRoundAfter = TimeSpan.FromMinutes(1);

    /// <summary>Refuses retention settings that would delete at once or never run.</summary>
    public static void Check(IConfiguration configuration)
    {
        var events = configuration.GetSection("Events").Get<EventOptions>() ?? new EventOptions();
        if (events.RetentionDays < 1)
        {
            throw new StartupException("Events:RetentionDays must be at least 1: set Events__RetentionDays to how many days events are kept (default 30)");
        }
        if (events.CleanupIntervalMinutes < 1)
        {
            throw new StartupException("Events:CleanupIntervalMinutes must be at least 1 (default 60)");
        }
        var audit = configuration.GetSection("Audit").Get<AuditOptions>() ?? new AuditOptions();
        if (audit.RetentionDays < 0)
        {
            throw new StartupException(
                $"Audit:RetentionDays must be 0 (keep for good) or more: set Audit__RetentionDays to how many days audit entries are kept (default {AuditOptions.DefaultRetentionDays})");
        }
        if (audit.CleanupIntervalMinutes < 1)
        {
            throw new StartupException("Audit:CleanupIntervalMinutes must be at least 1 (default 60)");
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(retentions.Select(retention => RunAsync(retention, stoppingToken)));

    private async Task RunAsync(IRetention retention, CancellationToken stoppingToken)
    {
        var interval = retention.Interval;
        // Not at the very start: that is when other instances and the command line may be migrating.
        await Task.Delay(interval < FirstRoundAfter ? interval : FirstRoundAfter, stoppingToken);
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                var deleted = await retention.PurgeAsync(stoppingToken);
                if (deleted > 0)
                {
                    Deleted(deleted, retention.Name);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(e, retention.Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} {What} past retention")]
    private partial void Deleted(int count, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting the {What} past retention failed; trying again later")]
    private partial void Failed(Exception exception, string what);
}
