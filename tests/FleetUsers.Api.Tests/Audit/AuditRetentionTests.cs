using System.Data.Common;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Audit;
using FleetUsers.Application.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FleetUsers.Api.Tests.Audit;

/// <summary>
/// The audit trails grow with every change (at 1,000 PUT/s, 86 million entries a day): entries older than
/// <c>Audit:RetentionDays</c> are deleted in batches (issue 15), and the trails stay append-only to
/// everything else.
/// </summary>
public sealed class AuditRetentionTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task EntriesPastRetention_AreDeleted_OthersKept_AndTheTrailsStayAppendOnly()
    {
        // A database of its own: a purge "400 days later" deletes every company's entries.
        await using var service = await IsolatedService.StartAsync(app);
        var (admin, root) = (service.Admin, service.Root);
        var created = await admin.PostJsonAsync("/v1/users", UserBodies.Create(root));
        await HttpAssert.ExpectAsync(created, System.Net.HttpStatusCode.Created);
        var userId = (await HttpAssert.ReadObjectAsync(created))["userId"]!.GetValue<string>();
        await HttpAssert.ExpectAsync(await admin.PostJsonAsync("/v1/groups", GroupBodies.Create("Depot", root)), System.Net.HttpStatusCode.Created);
        var database = service.Services.GetRequiredService<IDatabase>();
        var year = Options.Create(new AuditOptions { RetentionDays = 365 });

        var keptAtFirst = await new AuditRetention(database, year, new ShiftedClock(TimeSpan.FromDays(100))).PurgeAsync(CancellationToken.None);
        var keptForGood = await new AuditRetention(database, Options.Create(new AuditOptions { RetentionDays = 0 }),
            new ShiftedClock(TimeSpan.FromDays(3650))).PurgeAsync(CancellationToken.None);
        Assert.Equal(0, keptAtFirst);
        Assert.Equal(0, keptForGood);
        Assert.Single((await admin.GetObjectAsync($"/v1/users/{userId}/auditLogs"))["data"]!.AsArray());

        var deleted = await new AuditRetention(database, year, new ShiftedClock(TimeSpan.FromDays(400))).PurgeAsync(CancellationToken.None);

        Assert.True(deleted >= 2, $"deleted {deleted}");
        Assert.Empty((await admin.GetObjectAsync($"/v1/users/{userId}/auditLogs"))["data"]!.AsArray());
        Assert.Equal(0L, Convert.ToInt64(await StoreSql.ScalarAsync(service.Services, "SELECT count(*) FROM group_audit_log")));
        // The purge's cutoff went with its transaction: a new entry is as undeletable as ever.
        await HttpAssert.ExpectAsync(await admin.PutJsonAsync($"/v1/users/{userId}", UserBodies.Update(root)), System.Net.HttpStatusCode.OK);
        await HttpAssert.ExpectAsync(await admin.PostJsonAsync("/v1/groups", GroupBodies.Create("Yard", root)), System.Net.HttpStatusCode.Created);
        Assert.Equal(0L, Convert.ToInt64(await StoreSql.ScalarAsync(service.Services, "SELECT count(*) FROM audit_purge")));
        foreach (var table in new[] { "audit_log", "group_audit_log" })
        {
            var refusal = await Assert.ThrowsAnyAsync<DbException>(() => StoreSql.ScalarAsync(service.Services, $"DELETE FROM {table}"));
            Assert.Contains("append-only", refusal.Message, StringComparison.Ordinal);
        }
        Assert.Single((await admin.GetObjectAsync($"/v1/users/{userId}/auditLogs"))["data"]!.AsArray());
    }
}
