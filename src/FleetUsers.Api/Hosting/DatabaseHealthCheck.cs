using FleetUsers.Application.Ports;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FleetUsers.Api.Hosting;

/// <summary>Readiness: the database answers.</summary>
public sealed class DatabaseHealthCheck(IDatabase database, FleetUsersMetrics metrics) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.PingAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database gave an unexpected answer.");
        }
        catch (Exception e) when (database.IsUnavailable(e))
        {
            if (database.IsConnectionLost(e))
            {
                database.ForgetPooledConnections();
            }
            metrics.DatabaseUnavailable();
            return HealthCheckResult.Unhealthy("The database is unavailable.");
        }
    }
}
