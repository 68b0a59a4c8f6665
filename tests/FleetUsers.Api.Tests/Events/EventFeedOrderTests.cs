using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Events;
using FleetUsers.Application.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static FleetUsers.Api.Tests.Events.EventFeedReader;

namespace FleetUsers.Api.Tests.Events;

/// <summary>What the feed's cursor may never skip, and how long events are kept.</summary>
public sealed class EventFeedOrderTests(FleetUsersApp app)
{
    [StoreFact(Only = "postgres")]
    public async Task ATransactionThatCommitsLate_IsNotSkippedByACursorHandedOutMeanwhile()
    {
        var company = await app.NewCompanyAsync();
        var first = await company.CreateUserAsync(company.RootId);
        var cursor = (await AboutAsync(company.Admin, first.Id))[^1]["id"]!.GetValue<string>();
        var database = app.Services.GetRequiredService<IDatabase>();
        var recorder = app.Services.GetRequiredService<ChangeRecorder>();

        await using var slow = await database.BeginAsync(write: true, CancellationToken.None);
        var account = (await slow.Users.FindAsync(company.CompanyId, first.Id, forUpdate: true, CancellationToken.None))!;
        var before = account.Profile;
        account.Profile = before with { FirstName = "Slow" }; // a change (one that changes nothing records no event)
        await recorder.UserChangedAsync(slow, ChangeRecorder.Operator, "update", before, account, passwordChanged: false,
            CancellationToken.None);
        var meanwhile = await company.CreateUserAsync(company.RootId); // begun after the slow one, committed before it

        var whileOpen = (await ReadAllAsync(company.Admin, cursor)).Events;
        await slow.CommitAsync(CancellationToken.None);
        var afterCommit = await ReadUntilAsync(company.Admin, e => e.Count >= 2, cursor);

        Assert.Empty(whileOpen); // the later commit is held back, so the cursor cannot pass the open transaction's event
        Assert.Equal([first.Id.ToString(), meanwhile.Id.ToString()], afterCommit.Select(SubjectId));
    }

    [StoreFact]
    public async Task AReaderFollowingTheFeedWhileWritersRun_GetsEveryEventOnce_InTheFeedsOrder()
    {
        var company = await app.NewCompanyAsync();
        const int writers = 4, changesEach = 15;
        var created = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var writing = Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < changesEach; i++)
            {
                created.Add((await company.CreateUserAsync(company.RootId)).Id);
            }
        })));

        var followed = new List<System.Text.Json.Nodes.JsonObject>();
        string? cursor = null;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (followed.Count < writers * changesEach && DateTime.UtcNow < deadline)
        {
            var page = (await company.Admin.GetObjectAsync(Path(cursor, 7)));
            var data = page["data"]!.AsArray();
            followed.AddRange(data.Select(e => e!.AsObject()));
            cursor = page["metadata"]!["next"]?.GetValue<string>() ?? cursor;
            if (data.Count == 0)
            {
                await Task.Delay(50);
            }
        }
        await writing;
        var fromStart = (await ReadAllAsync(company.Admin, limit: 1000)).Events;

        var ids = followed.Select(e => e["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(created.Select(id => id.ToString()).Order(), followed.Select(SubjectId).Order());
        Assert.Equal(fromStart.Select(e => e["id"]!.GetValue<string>()), ids);
    }

    [StoreFact]
    public async Task EventsPastRetention_AreDeleted_AndOthersKept()
    {
        // A database of its own: the purge "3 days later" deletes every company's events, those of the tests running beside it too.
        await using var service = await IsolatedService.StartAsync(app);
        var (admin, root) = (service.Admin, service.Root);
        var created = await admin.PostJsonAsync("/v1/users", UserBodies.Create(root));
        await HttpAssert.ExpectAsync(created, System.Net.HttpStatusCode.Created);
        var userId = Guid.Parse((await HttpAssert.ReadObjectAsync(created))["userId"]!.GetValue<string>());
        await AboutAsync(admin, userId);
        var database = service.Services.GetRequiredService<IDatabase>();
        var options = Options.Create(new EventOptions { RetentionDays = 2 });

        var kept = await new EventRetention(database, options, new ShiftedClock(TimeSpan.FromDays(1))).PurgeAsync(CancellationToken.None);
        var stillThere = await AboutAsync(admin, userId);
        var deleted = await new EventRetention(database, options, new ShiftedClock(TimeSpan.FromDays(3))).PurgeAsync(CancellationToken.None);

        Assert.Equal(0, kept);
        Assert.Single(stillThere);
        Assert.True(deleted >= 1);
        Assert.Empty((await ReadAllAsync(admin)).Events);
    }
}
