using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using static FleetUsers.Api.Tests.Events.EventFeedReader;

namespace FleetUsers.Api.Tests.Concurrency;

/// <summary>
/// A burst of concurrent writes, some refused (412 stale If-Match, 409 name taken, 400 bad body): on SQLite
/// they share batches (group commit), each in its own savepoint. The refused ones change nothing; every
/// accepted one is there, with its audit entry and its event, in the feed in order.
/// </summary>
public sealed class MixedWriteBurstTests(FleetUsersApp app)
{
    private const int Users = 6;

    [StoreFact]
    public async Task ConcurrentWrites_SomeRefused_TheRefusedChangeNothing_TheAcceptedAreAllThereWithAuditAndEvents()
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

        var kept = users.Select((u, i) => Send(company.Admin.PutJsonAsync($"/v1/users/{u.Id}", Body(company, $"Kept{i}"), current[i])));
        var staleWrites = users.Select((u, i) => Send(company.Admin.PutJsonAsync($"/v1/users/{u.Id}", Body(company, $"Stale{i}"), stale[i])));
        var takenNames = users.Select((u, i) =>
        {
            var body = Body(company, $"Taken{i}");
            body["username"] = company.AdminUsername;
            return Send(company.Admin.PutJsonAsync($"/v1/users/{u.Id}", body));
        });
        var badBodies = users.Select((u, i) =>
        {
            var body = Body(company, $"Bad{i}");
            body["status"] = "sleeping";
            return Send(company.Admin.PutJsonAsync($"/v1/users/{u.Id}", body));
        });
        var creates = Enumerable.Range(0, Users).Select(i =>
        {
            var body = UserBodies.Create(company.RootId);
            body["firstName"] = $"Created{i}";
            return Send(company.Admin.PostJsonAsync("/v1/users", body));
        });
        var refusedCreates = Enumerable.Range(0, Users).Select(i =>
        {
            var body = UserBodies.Create(company.RootId);
            body["firstName"] = $"Refused{i}";
            body["username"] = company.AdminUsername;
            return Send(company.Admin.PostJsonAsync("/v1/users", body));
        });
        // Interleaved, so refusals and acceptances queue for the writer together.
        var all = kept.Zip(staleWrites, takenNames).SelectMany(t => new[] { t.First, t.Second, t.Third })
            .Concat(badBodies.Zip(creates, refusedCreates).SelectMany(t => new[] { t.First, t.Second, t.Third })).ToList();
        var answers = await Task.WhenAll(all);

        Assert.Equal(Users * 2, answers.Count(a => a.Status is HttpStatusCode.OK or HttpStatusCode.Created));
        Assert.Equal(Users, answers.Count(a => a.Status == HttpStatusCode.PreconditionFailed));
        Assert.Equal(Users * 2, answers.Count(a => a.Status == HttpStatusCode.Conflict));
        Assert.Equal(Users, answers.Count(a => a.Status == HttpStatusCode.BadRequest));
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
        foreach (var (id, i) in created.Select((id, i) => (id, i)))
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
            || e.ToJsonString().Contains("Stale", StringComparison.Ordinal));
    }

    private static JsonObject Body(TestCompany company, string firstName)
    {
        var body = UserBodies.Update(company.RootId);
        body["firstName"] = firstName;
        return body;
    }

    private static async Task<(HttpStatusCode Status, JsonObject? Body)> Send(Task<HttpResponseMessage> request)
    {
        var response = await request;
        return (response.StatusCode, response.StatusCode == HttpStatusCode.Created ? await HttpAssert.ReadObjectAsync(response) : null);
    }
}
