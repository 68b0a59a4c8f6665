using System.Diagnostics.Metrics;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Events;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Webhooks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace FleetUsers.Api.Hosting;

/// <summary>The service's own instruments (meter <c>FleetUsers</c>), beside ASP.NET Core's request metrics.</summary>
public sealed class FleetUsersMetrics
{
    public const string MeterName = "FleetUsers";

    private readonly Counter<long> _databaseErrors;

    public FleetUsersMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _databaseErrors = meter.CreateCounter<long>("fleetusers.database.errors", "{error}",
            "Database failures: error.type is unavailable (the request answered 503) or unexpected (500).");
    }

    public void DatabaseUnavailable() => _databaseErrors.Add(1, new KeyValuePair<string, object?>("error.type", "unavailable"));

    public void DatabaseFailed() => _databaseErrors.Add(1, new KeyValuePair<string, object?>("error.type", "unexpected"));
}

public static class MetricsSetup
{
    public const string Path = "/metrics";

    /// <summary>
    /// Request count and latency by route, method and status (ASP.NET Core's
    /// <c>http.server.request.duration</c> histogram), database errors, and password hashes checked
    /// and turned away (<see cref="PasswordHashing"/>), change events written, webhook deliveries by
    /// outcome and the delivery lag, on SQLite the write sessions per committed batch, how long each held the writer
    /// and each batch's COMMIT took, and the runtime's own (.NET's <c>System.Runtime</c> meter: the process's working
    /// set, the GC's heap by generation, collections, the thread pool), exported for Prometheus.
    /// </summary>
    public static IServiceCollection AddFleetUsersMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<FleetUsersMetrics>();
        if (!Enabled(configuration))
        {
            return services;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("FleetUsers"))
            .WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", "System.Runtime", FleetUsersMetrics.MeterName, PasswordHashing.MeterName,
                EventMeter.Name, WebhookMetrics.MeterName, StorageMeter.Name)
            .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static WebApplication MapFleetUsersMetrics(this WebApplication app)
    {
        if (Enabled(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint(Path);
        }
        return app;
    }

    /// <summary><c>Metrics:Enabled</c>: serve OpenTelemetry metrics in Prometheus text format at /metrics (on by default).</summary>
    private static bool Enabled(IConfiguration configuration) => configuration.GetValue("Metrics:Enabled", defaultValue: true);
}
