using System.Diagnostics.Metrics;
using FleetUsers.Webhooks.Delivery;

namespace FleetUsers.Application.Webhooks;

/// <summary>Deliveries by outcome and the delivery lag (meter <c>FleetUsers.Webhooks</c>).</summary>
public sealed class WebhookMetrics
{
    public const string MeterName = "FleetUsers.Webhooks";

    private readonly Counter<long> _deliveries;
    private double _lagSeconds;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _deliveries = meter.CreateCounter<long>("fleetusers.webhooks.deliveries", "{attempt}",
            "Delivery attempts (the worker's and redeliveries), by outcome: succeeded, http_error, timeout, network_error, target_refused.");
        meter.CreateObservableGauge("fleetusers.webhooks.delivery_lag", () => Volatile.Read(ref _lagSeconds), "s",
            "Age of the oldest event not yet delivered to an enabled webhook (0 when every webhook is caught up), sampled every few seconds.");
    }

    public void Attempted(DeliveryOutcome outcome) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeName(outcome.Result)));

    public void Lag(TimeSpan lag) => Volatile.Write(ref _lagSeconds, Math.Max(0, lag.TotalSeconds));

    private static string OutcomeName(DeliveryResult result) => result switch
    {
        DeliveryResult.Succeeded => "succeeded",
        DeliveryResult.HttpError => "http_error",
        DeliveryResult.Timeout => "timeout",
        DeliveryResult.NetworkError => "network_error",
        _ => "target_refused",
    };
}
