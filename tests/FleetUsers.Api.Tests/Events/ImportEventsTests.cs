using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Cli;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Transfer;
using Microsoft.Extensions.DependencyInjection;
using static FleetUsers.Api.Tests.Events.EventFeedReader;

namespace FleetUsers.Api.Tests.Events;

/// <summary>
/// A CSV import of users writes one user.created per user: staged with its hidden batches, in the feed
/// from the write that shows the users (never before, and never for an import that did not commit),
/// where a reader following the feed meanwhile finds every one of them once.
/// </summary>
public sealed class ImportEventsTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task AnImport_PutsOneUserCreatedPerUserInTheFeed_AtItsCommit_AndNoneBefore()
    {
        var company = await app.NewCompanyAsync();
        var rows = Rows(await RootPathAsync(company), UserImportWriter.ChunkSize + 1);
        var earlier = await company.CreateUserAsync(company.RootId);
        var before = await ReadUntilAsync(company.Admin, events => About(events, earlier.Id).Count > 0);
        var midway = new List<JsonObject>();

        var report = await ImportAsync(company, rows, async () =>
        {
            // A later change's event shows: anything committed before it would show too.
            var marker = await company.CreateUserAsync(company.RootId);
            midway.AddRange(await ReadUntilAsync(company.Admin, events => About(events, marker.Id).Count > 0));
        });

        Assert.True(report.Succeeded, string.Join("\n", report.Problems));
        Assert.Equal(before.Count + 1, midway.Count); // the marker's event only
        var events = (await ReadUntilAsync(company.Admin, e => e.Count >= before.Count + 1 + rows.Count)).Skip(before.Count + 1).ToList();
        Assert.Equal(rows.Count, events.Count);
        Assert.All(events, e => Assert.Equal("user.created", Type(e)));
        Assert.All(events, e => Assert.Equal("operator", e["actor"]!["kind"]!.GetValue<string>()));
        Assert.Equal(rows.Select(r => r["username"]).Order(), events.Select(e => e["data"]!["user"]!["username"]!.GetValue<string>()).Order());
        Assert.Equal(events.Count, events.Select(SubjectId).Distinct().Count());
        var first = events.Single(e => e["data"]!["user"]!["username"]!.GetValue<string>() == rows[0]["username"]);
        Assert.Contains("firstName", ChangedFields(first));
        var user = await company.Admin.GetObjectAsync($"/v1/users/{SubjectId(first)}");
        Assert.Equal(rows[0]["firstName"], user["firstName"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task ImportsThatDoNotCommit_LeaveNoEvent()
    {
        var company = await app.NewCompanyAsync();
        var root = await RootPathAsync(company);
        var rows = Rows(root, UserImportWriter.ChunkSize + 2);

        // Refused when checked: one bad row.
        var bad = Rows(root, 3);
        bad[1] = new UserFileRow(bad[1].Line, new Dictionary<string, string>(bad[1].Values) { ["email"] = "not-an-address" });
        Assert.False((await ImportAsync(company, bad, () => Task.CompletedTask)).Succeeded);
        // Refused while written: a name taken after the first batch, whose users and staged events are removed again.
        var taken = UserBodies.Create(company.RootId);
        taken["username"] = rows[^1]["username"];
        var report = await ImportAsync(company, rows, async () =>
            await HttpAssert.ExpectAsync(await company.Admin.PostAsync("/v1/users", Json.Content(taken)), HttpStatusCode.Created));
        Assert.False(report.Succeeded);

        var marker = await company.CreateUserAsync(company.RootId);
        var events = await ReadUntilAsync(company.Admin, e => About(e, marker.Id).Count > 0);
        var imported = bad.Concat(rows).Select(r => r["username"]).ToHashSet();
        Assert.DoesNotContain(events, e => e["actor"]!["kind"]!.GetValue<string>() == "operator"
            && imported.Contains(e["data"]?["user"]?["username"]?.GetValue<string>() ?? ""));
    }

    [StoreFact]
    public async Task AReaderFollowingTheFeedDuringAnImport_GetsEveryEventOnce()
    {
        var company = await app.NewCompanyAsync();
        var rows = Rows(await RootPathAsync(company), UserImportWriter.ChunkSize * 3);
        var writer = await company.CreateUserAsync(company.RootId);
        var start = (await ReadUntilAsync(company.Admin, e => About(e, writer.Id).Count > 0)).Count;
        using var stop = new CancellationTokenSource();
        var followed = new List<JsonObject>();
        string? cursor = null;

        async Task FollowAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var (events, next) = await ReadAllAsync(company.Admin, cursor, limit: 50);
                followed.AddRange(events);
                cursor = next ?? cursor;
                await Task.Delay(20);
            }
        }

        var reader = Task.Run(FollowAsync);
        var changes = 0;
        var report = await ImportAsync(company, rows, async () =>
        {
            // Other writers go on between the batches; their events land in the feed meanwhile.
            for (var i = 0; i < 5; i++)
            {
                await company.CreateUserAsync(company.RootId);
                changes++;
            }
        });
        Assert.True(report.Succeeded, string.Join("\n", report.Problems));
        var marker = await company.CreateUserAsync(company.RootId);
        var all = await ReadUntilAsync(company.Admin, e => About(e, marker.Id).Count > 0);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!followed.Any(e => SubjectId(e) == marker.Id.ToString()) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        await stop.CancelAsync();
        await reader;

        Assert.Equal(start + changes + rows.Count + 1, all.Count);
        // The follower started from the oldest event: it saw exactly the feed, in its order, none twice.
        Assert.Equal(all.Select(e => e["id"]!.GetValue<string>()), followed.Select(e => e["id"]!.GetValue<string>()));
    }

    private async Task<ImportReport> ImportAsync(TestCompany company, IReadOnlyList<UserFileRow> rows, Func<Task> afterFirstBatch)
    {
        var database = app.Services.GetRequiredService<IDatabase>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var writer = new UserImportWriter(database, app.Services.GetRequiredService<ChangeRecorder>(), clock) { LockBudget = TimeSpan.Zero };
        return await new UserImportService(database, writer, clock)
            .ImportAsync(company.CompanyId, rows, [], new UserImportWriteTests.AfterFirstBatch(afterFirstBatch), CancellationToken.None);
    }

    private static List<UserFileRow> Rows(string root, int count) =>
        Enumerable.Range(0, count).Select(i => new UserFileRow(i + 2, new Dictionary<string, string>
        {
            ["firstName"] = "Row" + i,
            ["lastName"] = Unique.Letters(),
            ["username"] = "evt-" + Unique.Suffix(),
            ["employeeId"] = "V-" + Unique.Suffix(),
            ["groupRoles"] = $"{root}:Driver",
        })).ToList();

    private static async Task<string> RootPathAsync(TestCompany company) =>
        (await company.Admin.GetGroupAsync(company.RootId))["fullPath"]!.GetValue<string>();
}
