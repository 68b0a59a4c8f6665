using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using static FleetUsers.Api.Tests.Events.EventFeedReader;

namespace FleetUsers.Api.Tests.Concurrency;

/// <summary>
/// A burst of concurrent writes, some refused (412 stale If-Match, 409 name taken, 400 bad body) and some
/// failing after their audit entry and event were written (a trigger breaks the row's update: 500): on SQLite
/// they share batches (group commit), each in its own savepoint. The refused and failed ones change nothing; every
/// accepted one is there, with its audit entry and its event, in the feed in order.
/// </summary>
public sealed class MixedWriteBurstTests(FleetUsersApp app)
{
    private const int Users = 6;

    [StoreFact]
    public async Task ConcurrentWrites_SomeRefusedOrFailing_ThoseChangeNothing_TheAcceptedAreAllThereWithAuditAndEvents()
    {
        var company = await app.NewCompanyAsync();
        var users = new List<TestUser>();
        var current = new List<string>();
        var stale = new List<string>();
        for (var i = 0; i < Users; i++)
        {
            var user = await company.CreateUserAsync(company.RootId);
            users.Add(user);
            stale.Add((await company.Admin.GetAsync($"/v1/users/{user.Id}")).Headers.ETag!.ToString());
            var first = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", Body(company, $"First{i}"));
            await HttpAssert.ExpectAsync(first, HttpStatusCode.OK);
            current.Add(first.Headers.ETag!.ToString());
        }

        var marker = "Broken" + Unique.Letters();
        await using var breaker = await StoreSql.FailWritesAsync(app, "users", "UPDATE", "first_name", marker);

        var admin = company.Admin;
        var kinds = new List<Func<int, Task<HttpResponseMessage>>>
        {
            i => admin.PutJsonAsync($"/v1/users/{users[i].Id}", Body(company, $"{marker}{i}")), // 500 after its audit entry and event
            i => admin.PutJsonAsync($"/v1/users/{users[i].Id}", Body(company, $"Kept{i}"), current[i]),
            i => admin.PutJsonAsync($"/v1/users/{users[i].Id}", Body(company, $"Stale{i}"), stale[i]),
            i => admin.PutJsonAsync($"/v1/users/{users[i].Id}", Body(company, $"Taken{i}", username: company.AdminUsername)),
            i => admin.PutJsonAsync($"/v1/users/{users[i].Id}", Body(company, $"Bad{i}", status: "sleeping")),
            i => admin.PostJsonAsync("/v1/users", Create(company, $"Created{i}")),
            i => admin.PostJsonAsync("/v1/users", Create(company, $"Refused{i}", username: company.AdminUsername)),
        };
        // Interleaved, so refusals, failures and acceptances queue for the writer together.
        var all = Enumerable.Range(0, Users).SelectMany(i => kinds.Select(kind => Send(kind(i)))).ToList();
        var answers = await Task.WhenAll(all);

        Assert.Equal(Users * 2, answers.Count(a => a.Status is HttpStatusCode.OK or HttpStatusCode.Created));
        Assert.Equal(Users, answers.Count(a => a.Status == HttpStatusCode.PreconditionFailed));
        Assert.Equal(Users * 2, answers.Count(a => a.Status == HttpStatusCode.Conflict));
        Assert.Equal(Users, answers.Count(a => a.Status == HttpStatusCode.BadRequest));
        Assert.Equal(Users, answers.Count(a => a.Status == HttpStatusCode.InternalServerError));
        var created = answers.Where(a => a.Status == HttpStatusCode.Created).Select(a => Guid.Parse(a.Body!["userId"]!.GetValue<string>())).ToList();
        Assert.Equal(Users, created.Count);

        for (var i = 0; i < Users; i++)
        {
            // The accepted PUT is the user's state and its last audit entry; no refused one left a trace.
            Assert.Equal($"Kept{i}", (await company.GetUserAsync(users[i].Id))["firstName"]!.GetValue<string>());
            var audit = (await company.Admin.GetObjectAsync($"/v1/users/{users[i].Id}/auditLogs"))["data"]!.AsArray();
            Assert.Equal(["update", "update", "create"], audit.Select(e => e!["action"]!.GetValue<string>()));
            Assert.Contains($"Kept{i}", audit[0]!.ToJsonString(), StringComparison.Ordinal);
        }
        foreach (var id in created)
        {
            var audit = (await company.Admin.GetObjectAsync($"/v1/users/{id}/auditLogs"))["data"]!.AsArray();
            Assert.Equal("create", Assert.Single(audit)!["action"]!.GetValue<string>());
        }
        var subjects = users.Select(u => u.Id).Concat(created).ToHashSet();
        var feed = await ReadUntilAsync(company.Admin, events => events.Count(e => subjects.Contains(Guid.Parse(SubjectId(e)))) >= Users * 4);
        var ours = feed.Where(e => subjects.Contains(Guid.Parse(SubjectId(e)))).ToList();
        Assert.Equal(Users * 4, ours.Count); // 3 per user changed (create, two updates), 1 per user created; none for a refusal
        foreach (var user in users)
        {
            Assert.Equal(["user.created", "user.updated", "user.updated"], About(ours, user.Id).Select(Type));
        }
        Assert.All(created, id => Assert.Equal(["user.created"], About(ours, id).Select(Type)));
        Assert.DoesNotContain(feed, e => e.ToJsonString().Contains("Refused", StringComparison.Ordinal)
            || e.ToJsonString().Contains("Stale", StringComparison.Ordinal) || e.ToJsonString().Contains(marker, StringComparison.Ordinal));
    }

    private static JsonObject Body(TestCompany company, string firstName, string? username = null, string? status = null)
    {
        var body = UserBodies.Update(company.RootId);
        body["firstName"] = firstName;
        body["username"] = username ?? body["username"]!.GetValue<string>();
        body["status"] = status ?? body["status"]!.GetValue<string>();
        return body;
    }

    private static JsonObject Create(TestCompany company, string firstName, string? username = null)
    {
        var body = UserBodies.Create(company.RootId);
        body["firstName"] = firstName;
        body["username"] = username ?? body["username"]!.GetValue<string>();
        return body;
    }

    private static async Task<(HttpStatusCode Status, JsonObject? Body)> Send(Task<HttpResponseMessage> request)
    {
        var response = await request;
        return (response.StatusCode, response.StatusCode == HttpStatusCode.Created ? await HttpAssert.ReadObjectAsync(response) : null);
    }
}
