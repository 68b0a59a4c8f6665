using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Events;
using FleetUsers.Application.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static FleetUsers.Api.Tests.Webhooks.WebhookCalls;

namespace FleetUsers.Api.Tests.Webhooks;

/// <summary>
/// A webhook's delivery log has an entry per event sent: it grows as fast as the events, so it goes with
/// them at retention (issue 15, what grows without bound), except entries still pending.
/// </summary>
public sealed class WebhookLogRetentionTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task DeliveryLogEntriesPastRetention_AreDeletedWithTheirEvents_PendingOnesKept()
    {
        // A database of its own: the purge "3 days later" deletes every company's events and log entries.
        await using var service = await IsolatedService.StartAsync(app);
        var (admin, root) = (service.Admin, service.Root);
        await using var receiver = await Receiver.StartAsync();
        await using var failing = await Receiver.StartAsync();
        failing.Status = StatusCodes.Status503ServiceUnavailable;
        var (delivered, _) = await CreateAsync(admin, receiver.Url, "user.created");
        var (retrying, _) = await CreateAsync(admin, failing.Url, "user.created");
        await HttpAssert.ExpectAsync(await admin.PostJsonAsync("/v1/users", UserBodies.Create(root)), HttpStatusCode.Created);
        await DeliveriesUntilAsync(admin, delivered, l => l.Count == 1 && Status(l[0]) == "succeeded");
        await DeliveriesUntilAsync(admin, retrying, l => l.Count == 1);
        var database = service.Services.GetRequiredService<IDatabase>();
        var options = Options.Create(new EventOptions { RetentionDays = 2 });

        await new EventRetention(database, options, new ShiftedClock(TimeSpan.FromDays(1))).PurgeAsync(CancellationToken.None);
        var keptAtFirst = await DeliveriesAsync(admin, delivered);
        await new EventRetention(database, options, new ShiftedClock(TimeSpan.FromDays(3))).PurgeAsync(CancellationToken.None);

        Assert.Single(keptAtFirst);
        Assert.Empty(await DeliveriesAsync(admin, delivered));
        Assert.Equal("pending", Status(Assert.Single(await DeliveriesAsync(admin, retrying))));
    }
}
