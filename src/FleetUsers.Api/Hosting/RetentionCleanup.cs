using FleetUsers.Application;
using FleetUsers.Application.Events;
using Microsoft.Extensions.Options;

namespace FleetUsers.Api.Hosting;

/// <summary>
/// Deletes the events past retention (<see cref="EventOptions"/>) now and then. A failed round (the
/// database out of reach) is logged and tried again next time: it never stops the service.
/// </summary>
public sealed partial class EventCleanup(EventRetention retention, IOptions<EventOptions> options, ILogger<EventCleanup> log)
    : BackgroundService
{
    private static readonly TimeSpan FirstRoundAfter = TimeSpan.FromMinutes(1);

    /// <summary>Refuses retention settings that would delete events at once or never run.</summary>
    public static void Check(IConfiguration configuration)
    {
        var settings = configuration.GetSection("Events").Get<EventOptions>() ?? new EventOptions();
        if (settings.RetentionDays < 1)
        {
            throw new StartupException("Events:RetentionDays must be at least 1: set Events__RetentionDays to how many days events are kept (default 30)");
        }
        if (settings.CleanupIntervalMinutes < 1)
        {
            throw new StartupException("Events:CleanupIntervalMinutes must be at least 1 (default 60)");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(options.Value.CleanupIntervalMinutes);
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
                    Deleted(deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} events past retention")]
    private partial void Deleted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting the events past retention failed; trying again later")]
    private partial void Failed(Exception exception);
}
