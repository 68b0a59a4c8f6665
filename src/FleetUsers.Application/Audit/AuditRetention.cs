using FleetUsers.Application.Ports;
using FleetUsers.Application.Retention;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Audit;

/// <summary>
/// Deletes the user and group trail entries older than the retention period (unless it is 0), in short
/// transactions so writers are not held up. At 1,000 changes a second a trail gains 86 million entries a day.
/// </summary>
public sealed class AuditRetention(IDatabase database, IOptions<AuditOptions> options, TimeProvider clock) : IRetention
{
    public string Name => "audit entries";

    public TimeSpan Interval => TimeSpan.FromMinutes(options.Value.CleanupIntervalMinutes);

    /// <summary>How many entries it deleted, of both trails.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        if (options.Value.RetentionDays == 0)
        {
            return 0;
        }
        var before = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        return await BatchedDelete.RunAsync(database, session => session.Audit.DeleteOlderThanAsync(before, BatchedDelete.Batch, ct), ct)
            + await BatchedDelete.RunAsync(database, session => session.GroupAudit.DeleteOlderThanAsync(before, BatchedDelete.Batch, ct), ct);
    }
}
