using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Events;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Webhooks.Signing;
using Microsoft.AspNetCore.Http;
using static FleetUsers.Api.Tests.Webhooks.WebhookCalls;

namespace FleetUsers.Api.Tests.Webhooks;

/// <summary>
/// The delivery worker, through a real receiver on loopback: order, signatures, retries, the log,
/// redelivery and disabling. The test apps retry after 1–2 s (Webhooks__FirstRetrySeconds, MaxRetrySeconds).
/// </summary>
public sealed class WebhookDeliveryTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Changes_ArriveInFeedOrder_SignedSoTheReferenceVerifyAccepts_OnlyTheSubscribedTypes()
    {
        await using var receiver = await Receiver.StartAsync();
        var company = await app.NewCompanyAsync();
        var (webhook, secret) = await CreateAsync(company.Admin, receiver.Url, "user.created", "user.updated");
        var taken = await company.CreateUserAsync(company.RootId);
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["username"] = user.Username;
        body["firstName"] = "Renamed";
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);
        body["username"] = taken.Username; // refused: taken
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.Conflict);
        await company.Admin.CreateGroupAsync("Not Subscribed", company.RootId);
        var marker = await company.CreateUserAsync(company.RootId); // after it, nothing the refused change could have sent

        var accepted = await receiver.WaitForAsync(r => Receiver.About(r, marker.Id).Count == 1);

        Assert.Equal(["user.created", "user.created", "user.updated", "user.created"], accepted.Select(r => r.Type));
        Assert.Equal([taken.Id, user.Id, user.Id, marker.Id], accepted.Select(r => r.Event["subject"]!["id"]!.GetValue<Guid>()));
        Assert.All(accepted, r => Assert.Equal(SignatureCheck.Valid, r.Verify(secret)));
        Assert.All(accepted, r => Assert.Equal(r.Event["id"]!.GetValue<string>(), r.Id));
        Assert.Equal(SignatureCheck.NoMatchingSignature, accepted[0].Verify(WebhookSecret.Generate()));
        var feed = await EventFeedReader.ReadUntilAsync(company.Admin, e => EventFeedReader.About(e, marker.Id).Count == 1,
            types: "user.created,user.updated");
        Assert.Equal(feed.Select(e => e["id"]!.GetValue<string>()), accepted.Select(r => r.Id));
        Assert.Equal(feed.Select(e => e.ToJsonString()), accepted.Select(r => r.Event.ToJsonString()));

        var log = await DeliveriesUntilAsync(company.Admin, webhook, l => l.Count == 4);
        Assert.All(log, d => Assert.Equal("succeeded", Status(d)));
        Assert.All(log, d => Assert.Equal(1, d["attempts"]!.GetValue<int>()));
        Assert.All(log, d => Assert.NotNull(d["responseTimeMs"]));
        Assert.Equal(accepted.Select(r => r.Id).Reverse(), log.Select(d => d["eventId"]!.GetValue<string>())); // newest first
    }

    [StoreFact]
    public async Task ReceiverDown_LosesNothing_TheFirstFailedEventHoldsTheOthersBack_ThenAllArriveInOrder()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Status = StatusCodes.Status503ServiceUnavailable;
        var company = await app.NewCompanyAsync();
        var (webhook, secret) = await CreateAsync(company.Admin, receiver.Url);
        var users = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            users.Add((await company.CreateUserAsync(company.RootId)).Id);
        }

        var pending = await DeliveriesUntilAsync(company.Admin, webhook, l => l.Count == 1 && l[0]["attempts"]!.GetValue<int>() >= 3);
        var first = Assert.Single(pending); // the later events wait behind the first
        Assert.Equal("pending", Status(first));
        Assert.Equal(503, first["statusCode"]!.GetValue<int>());
        Assert.Contains("503", first["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(first["nextAttemptAt"]);
        Assert.Single(receiver.Requests.Select(r => r.Id).Distinct());
        var redeliver = await company.Admin.PostAsync($"/v1/webhooks/{webhook}/deliveries/{first["id"]}/redeliver", null);
        await HttpAssert.ExpectAsync(redeliver, HttpStatusCode.Conflict); // the worker retries a pending one

        receiver.Status = StatusCodes.Status204NoContent;
        var accepted = await receiver.WaitForAsync(r => r.Count >= 3);

        Assert.Equal(users, accepted.Select(r => r.Event["subject"]!["id"]!.GetValue<Guid>()));
        Assert.All(accepted, r => Assert.Equal(SignatureCheck.Valid, r.Verify(secret)));
        var log = await DeliveriesUntilAsync(company.Admin, webhook, l => l.Count == 3 && l.All(d => Status(d) == "succeeded"));
        Assert.All(log, d => Assert.Equal("succeeded", Status(d)));
        Assert.True(log[^1]["attempts"]!.GetValue<int>() >= 4, log[^1].ToJsonString());
        Assert.Null(log[^1]["nextAttemptAt"]);
    }

    [StoreFact]
    public async Task Gone410_DisablesTheWebhook_ItsDisablingIsAnEvent_AndARedeliveryResends()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Status = StatusCodes.Status410Gone;
        var company = await app.NewCompanyAsync();
        var (webhook, secret) = await CreateAsync(company.Admin, receiver.Url, "user.created");
        var user = await company.CreateUserAsync(company.RootId);

        var log = await DeliveriesUntilAsync(company.Admin, webhook, l => l.Count == 1 && Status(l[0]) == "failed");
        var failed = Assert.Single(log);
        Assert.Equal("failed", Status(failed));
        var state = await company.Admin.GetObjectAsync($"/v1/webhooks/{webhook}");
        Assert.False(state["enabled"]!.GetValue<bool>());
        Assert.Contains("410", state["disabledReason"]!.GetValue<string>(), StringComparison.Ordinal);
        var disabled = await EventFeedReader.AboutAsync(company.Admin, webhook);
        Assert.Equal("webhook.disabled", EventFeedReader.Type(disabled.Single()));
        Assert.DoesNotContain(secret["whsec_".Length..], disabled.Single().ToJsonString(), StringComparison.Ordinal);

        receiver.Status = StatusCodes.Status200OK;
        var redelivered = await company.Admin.PostAsync($"/v1/webhooks/{webhook}/deliveries/{failed["id"]}/redeliver", null);
        await HttpAssert.ExpectAsync(redelivered, HttpStatusCode.OK);
        var after = await HttpAssert.ReadObjectAsync(redelivered);
        Assert.Equal("succeeded", Status(after));
        Assert.Equal(2, after["attempts"]!.GetValue<int>());
        var resent = Assert.Single(receiver.Accepted);
        Assert.Equal(failed["eventId"]!.GetValue<string>(), resent.Id);
        Assert.Equal(user.Id, resent.Event["subject"]!["id"]!.GetValue<Guid>());
        Assert.Equal(SignatureCheck.Valid, resent.Verify(secret));
        Assert.Equal("succeeded", Status((await DeliveriesAsync(company.Admin, webhook)).Single()));
        await HttpAssert.ExpectAsync(await company.Admin.PostAsync($"/v1/webhooks/{webhook}/deliveries/{Guid.NewGuid()}/redeliver", null),
            HttpStatusCode.NotFound);
    }

    [StoreFact]
    public async Task ThousandChanges_AllArrive_InTheFeedsCommitOrder_EachOnce()
    {
        await using var receiver = await Receiver.StartAsync();
        var company = await app.NewCompanyAsync();
        await CreateAsync(company.Admin, receiver.Url);
        var users = new List<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
        {
            var created = await company.CreateUserAsync(company.RootId);
            lock (users)
            {
                users.Add(created.Id);
            }
        });

        var accepted = await receiver.WaitForAsync(r => r.Count >= 1000, TimeSpan.FromMinutes(4));

        Assert.Equal(1000, accepted.Count);
        Assert.Equal(1000, accepted.Select(r => r.Id).Distinct().Count());
        Assert.Equal(users.Order(), accepted.Select(r => r.Event["subject"]!["id"]!.GetValue<Guid>()).Order());
        var feed = await EventFeedReader.ReadUntilAsync(company.Admin, e => e.Count >= 1000);
        Assert.Equal(feed.Select(e => e["id"]!.GetValue<string>()), accepted.Select(r => r.Id));
    }

    [StoreFact]
    public async Task Redelivery_ToATargetThePolicyNoLongerAllows_IsAFailedAttemptInTheLog()
    {
        await using var receiver = await Receiver.StartAsync();
        var company = await app.NewCompanyAsync();
        var (webhook, _) = await CreateAsync(company.Admin, receiver.Url, "user.created");
        await company.CreateUserAsync(company.RootId);
        var delivered = Assert.Single(await DeliveriesUntilAsync(company.Admin, webhook, l => l.Count == 1 && Status(l[0]) == "succeeded"));
        // An instance whose operator no longer allows private targets (its worker kept from starting: it shares the database).
        await using var strict = app.Sibling(new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateTargets"] = "false",
            ["Webhooks:StartDelaySeconds"] = "3600",
        });
        using var admin = await company.AdminOnAsync(strict);

        var redelivered = await admin.PostAsync($"/v1/webhooks/{webhook}/deliveries/{delivered["id"]}/redeliver", null);

        await HttpAssert.ExpectAsync(redelivered, HttpStatusCode.OK);
        var after = await HttpAssert.ReadObjectAsync(redelivered);
        Assert.Equal("failed", Status(after));
        Assert.Equal(2, after["attempts"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(after["lastError"]?.GetValue<string>()));
        var logged = Assert.Single(await DeliveriesAsync(company.Admin, webhook));
        Assert.Equal(("failed", 2, after["lastError"]!.GetValue<string>()),
            (Status(logged), logged["attempts"]!.GetValue<int>(), logged["lastError"]!.GetValue<string>()));
        Assert.Single(receiver.Accepted); // the first delivery only
    }
}
