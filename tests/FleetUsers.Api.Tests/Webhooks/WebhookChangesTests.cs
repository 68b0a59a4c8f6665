using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Webhooks.Signing;
using Microsoft.AspNetCore.Http;
using static FleetUsers.Api.Tests.Webhooks.WebhookCalls;

namespace FleetUsers.Api.Tests.Webhooks;

/// <summary>A webhook changed by PUT while it has deliveries under way, and its log paged.</summary>
public sealed class WebhookChangesTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task TypesChangedWhilePending_TheEntryIsGivenUp_ALaterFailingEventCountsItsOwnAttempts()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Status = StatusCodes.Status503ServiceUnavailable;
        var company = await app.NewCompanyAsync();
        var (webhook, _) = await CreateAsync(company.Admin, receiver.Url, "user.created");
        await company.CreateUserAsync(company.RootId);
        var retrying = await DeliveriesUntilAsync(company.Admin, webhook, l => l.Count == 1 && l[0]["attempts"]!.GetValue<int>() >= 2);
        Assert.Equal("pending", Status(Assert.Single(retrying)));

        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/webhooks/{webhook}", Body(receiver.Url, "group.created")),
            HttpStatusCode.OK);
        var givenUp = Assert.Single(await DeliveriesAsync(company.Admin, webhook));
        Assert.Equal("failed", Status(givenUp));
        Assert.Null(givenUp["nextAttemptAt"]);
        Assert.Contains("types no longer include it", givenUp["lastError"]!.GetValue<string>(), StringComparison.Ordinal);

        await company.Admin.CreateGroupAsync("Later", company.RootId);
        var log = await DeliveriesUntilAsync(company.Admin, webhook, l => l.Count == 2 && l[0]["attempts"]!.GetValue<int>() >= 3);
        Assert.Equal(2, log.Count);
        Assert.Equal("group.created", log[0]["eventType"]!.GetValue<string>());
        Assert.Equal("pending", Status(log[0]));
        Assert.True(log[0]["attempts"]!.GetValue<int>() >= 3, log[0].ToJsonString()); // not started over each round
        Assert.True(log[0]["firstAttemptAt"]!.GetValue<DateTimeOffset>() < log[0]["lastAttemptAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(givenUp.ToJsonString(), log[1].ToJsonString()); // left as it was given up
        var redelivered = await company.Admin.PostAsync($"/v1/webhooks/{webhook}/deliveries/{givenUp["id"]}/redeliver", null);
        await HttpAssert.ExpectAsync(redelivered, HttpStatusCode.OK); // no longer a pending entry nobody retries (409)
    }

    [StoreFact]
    public async Task AnOrphanedPendingEntry_DoesNotStopALaterFailingEventFromBeingGivenUp()
    {
        // A database of its own: events are given up after 4 s there, which would fail other tests' deliveries.
        await using var store = await IsolatedStore.CreateAsync(app);
        var adminName = "hooks-admin-" + Unique.Suffix();
        await using var service = app.CreateWithCommonSettings(store.With(new Dictionary<string, string?>
        {
            ["Bootstrap:AdminUsername"] = adminName,
            ["Webhooks:GiveUpAfter"] = "00:00:04",
        }));
        using var admin = await FleetUsersApp.BootstrapAdminOfAsync(service, adminName);
        var root = (await admin.GetObjectAsync("/v1/groups"))["groups"]![0]!["id"]!.GetValue<Guid>();
        await using var receiver = await Receiver.StartAsync();
        receiver.Status = StatusCodes.Status503ServiceUnavailable;
        var (webhook, _) = await CreateAsync(admin, receiver.Url, "user.created");
        await HttpAssert.ExpectAsync(await admin.PostJsonAsync("/v1/users", UserBodies.Create(root)), HttpStatusCode.Created);
        var orphan = Assert.Single(await DeliveriesUntilAsync(admin, webhook, l => l.Count == 1));
        await HttpAssert.ExpectAsync(await admin.PutJsonAsync($"/v1/webhooks/{webhook}", Body(receiver.Url, "group.created")), HttpStatusCode.OK);
        // Pending again, as an entry left behind before PUT gave such entries up: the worker never sends its event again.
        await StoreSql.ScalarAsync(service.Services, "UPDATE webhook_deliveries SET status = 'pending' WHERE id = @id",
            ("id", orphan["id"]!.GetValue<Guid>()));

        await admin.CreateGroupAsync("Later", root);
        var log = await DeliveriesUntilAsync(admin, webhook, l => l.Count == 2 && Status(l[0]) == "failed");

        // Its own first attempt counts, not "now" each round: given up once 4 s have passed since it.
        Assert.Equal("group.created", log[0]["eventType"]!.GetValue<string>());
        Assert.Equal("failed", Status(log[0]));
        Assert.Contains("given up", log[0]["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task DisabledWebhook_PutEnabledTrue_ResumesAtItsCursor_WithTheEventsWrittenMeanwhile()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Status = StatusCodes.Status410Gone;
        var company = await app.NewCompanyAsync();
        var (webhook, secret) = await CreateAsync(company.Admin, receiver.Url, "user.created");
        await company.CreateUserAsync(company.RootId);
        await DeliveriesUntilAsync(company.Admin, webhook, l => l.Count == 1 && Status(l[0]) == "failed");
        Assert.False((await company.Admin.GetObjectAsync($"/v1/webhooks/{webhook}"))["enabled"]!.GetValue<bool>());
        var meanwhile = await company.CreateUserAsync(company.RootId);

        receiver.Status = StatusCodes.Status204NoContent;
        var put = await company.Admin.PutJsonAsync($"/v1/webhooks/{webhook}", Body(receiver.Url, "user.created"));
        await HttpAssert.ExpectAsync(put, HttpStatusCode.OK);
        var enabled = await HttpAssert.ReadObjectAsync(put);
        Assert.True(enabled["enabled"]!.GetValue<bool>());
        Assert.Null(enabled["disabledReason"]);
        var after = await company.CreateUserAsync(company.RootId);

        var accepted = await receiver.WaitForAsync(r => r.Count >= 2);
        Assert.Equal([meanwhile.Id, after.Id], accepted.Select(r => r.Event["subject"]!["id"]!.GetValue<Guid>()));
        Assert.All(accepted, r => Assert.Equal(SignatureCheck.Valid, r.Verify(secret)));
    }

    [StoreFact]
    public async Task DeliveryLog_PagesNewestFirst_ByBeforeMetadataNext()
    {
        await using var receiver = await Receiver.StartAsync();
        var company = await app.NewCompanyAsync();
        var (webhook, _) = await CreateAsync(company.Admin, receiver.Url, "user.created");
        for (var i = 0; i < 3; i++)
        {
            await company.CreateUserAsync(company.RootId);
        }
        var all = await DeliveriesUntilAsync(company.Admin, webhook, l => l.Count == 3);
        Assert.Equal(3, all.Count);

        var first = await company.Admin.GetObjectAsync($"/v1/webhooks/{webhook}/deliveries?limit=2");
        var next = first["metadata"]!["next"]!.GetValue<string>();
        Assert.Equal(2, first["metadata"]!["limit"]!.GetValue<int>());
        var second = await company.Admin.GetObjectAsync($"/v1/webhooks/{webhook}/deliveries?limit=2&before={next}");
        Assert.Null(second["metadata"]!["next"]);
        var paged = first["data"]!.AsArray().Concat(second["data"]!.AsArray()).Select(d => d!["id"]!.GetValue<Guid>());
        Assert.Equal(all.Select(d => d["id"]!.GetValue<Guid>()), paged);
        Assert.Equal(next, first["data"]!.AsArray()[^1]!["id"]!.GetValue<string>());
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync($"/v1/webhooks/{webhook}/deliveries?before=nope"), "before");
    }

    [StoreFact]
    public async Task DisabledByPutInTheMiddleOfABatch_TheWorkerStopsAfterTheEventInFlight()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(1); // each event in flight a second
        var company = await app.NewCompanyAsync();
        var (webhook, _) = await CreateAsync(company.Admin, receiver.Url, "user.created");
        var off = Body(receiver.Url, "user.created");
        off["enabled"] = false;
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/webhooks/{webhook}", off), HttpStatusCode.OK);
        var users = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            users.Add((await company.CreateUserAsync(company.RootId)).Id);
        }
        // Enabled again: the worker takes the four in one batch.
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/webhooks/{webhook}", Body(receiver.Url, "user.created")),
            HttpStatusCode.OK);
        await receiver.WaitForAsync(r => r.Count >= 1);

        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/webhooks/{webhook}", off), HttpStatusCode.OK);
        var atDisable = receiver.Requests.Count;
        await Task.Delay(TimeSpan.FromSeconds(5)); // long enough for the rest of the batch, were it still sent
        var whileDisabled = receiver.Requests.Count - atDisable;

        Assert.True(whileDisabled <= 1, $"{whileDisabled} events arrived after the webhook was disabled (only the one in flight may)");
        Assert.True(receiver.Requests.Count < users.Count, receiver.ToString());
    }
}
