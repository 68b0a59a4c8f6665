using FleetUsers.Application.Webhooks;
using Microsoft.Extensions.Options;

namespace FleetUsers.Api.Hosting;

/// <summary>
/// The delivery worker: <see cref="WebhookWorkerOptions.Workers"/> loops, each delivering to one endpoint
/// at a time (<see cref="WebhookDispatcher"/>), and one that samples the delivery lag. On PostgreSQL every
/// instance runs it and they share the endpoints through leases; on SQLite it is the one process's.
/// A failed round (the database out of reach) is logged and tried again: it never stops the service.
/// </summary>
public sealed partial class WebhookWorker(WebhookDispatcher dispatcher, IOptions<WebhookWorkerOptions> options, ILogger<WebhookWorker> log)
    : BackgroundService
{
    private static readonly TimeSpan LagSampleInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Pause(options.Value.StartDelay, stoppingToken);
        var loops = Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => DeliverAsync(stoppingToken), stoppingToken)).ToList();
        loops.Add(Task.Run(() => SampleLagAsync(stoppingToken), stoppingToken));
        await Task.WhenAll(loops);
    }

    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await dispatcher.RunOnceAsync(stoppingToken))
                {
                    await Task.Delay(options.Value.Poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Failed(e);
                await Pause(options.Value.Poll, stoppingToken);
            }
        }
    }

    private async Task SampleLagAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.SampleLagAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Failed(e);
            }
            await Pause(LagSampleInterval, stoppingToken);
        }
    }

    private static async Task Pause(TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook delivery round failed; trying again shortly")]
    private partial void Failed(Exception exception);
}
