using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Concurrency;

/// <summary>
/// Real parallel requests on a real database: no lost update, no torn update, and racing
/// claims to one username end in exactly one success.
/// </summary>
public sealed class ConcurrentWriteTests(FleetUsersApp app)
{
    private const int Writers = 20;

    [StoreFact]
    public async Task ParallelPuts_WithTheSameIfMatch_ExactlyOneSucceedsAndTheRestGet412()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var etag = (await company.Admin.GetAsync($"/v1/users/{user.Id}")).Headers.ETag!.ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ =>
            company.Admin.PutJsonAsync($"/v1/users/{user.Id}", UserBodies.Update(company.RootId), ifMatch: etag)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(Writers - 1, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var winner = await HttpAssert.ReadObjectAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(winner.ToJsonString(), (await company.GetUserAsync(user.Id)).ToJsonString());
    }

    [StoreFact]
    public async Task ParallelPuts_WithoutIfMatch_AllSucceedAndTheUserEqualsExactlyOneBody()
    {
        var company = await app.NewCompanyAsync();
        var groups = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            groups.Add(await company.AddGroupAsync($"Depot {i}"));
        }
        var user = await company.CreateUserAsync(company.RootId);
        // Each body carries its own marker in every field, and its own set of group roles.
        var bodies = Enumerable.Range(0, Writers).Select(i =>
        {
            var body = UserBodies.Update(groups[i % groups.Count], RoleCatalog.Driver);
            body["firstName"] = $"Writer{i}";
            body["lastName"] = $"Body{i}";
            body["email"] = $"writer{i}@example.com";
            body["employeeId"] = $"W-{i}-{Unique.Suffix()}";
            body["groupRoles"] = new JsonArray(
                UserBodies.GroupRole(groups[i % groups.Count], RoleCatalog.Driver),
                UserBodies.GroupRole(groups[(i + 1) % groups.Count], RoleCatalog.Coach));
            return body;
        }).ToList();

        var responses = await Task.WhenAll(bodies.Select(b => company.Admin.PutJsonAsync($"/v1/users/{user.Id}", b)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var final = await company.GetUserAsync(user.Id);
        var index = int.Parse(final["firstName"]!.GetValue<string>()["Writer".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var sent = bodies[index];
        Assert.Equal($"Body{index}", final["lastName"]!.GetValue<string>());
        Assert.Equal(sent["email"]!.GetValue<string>(), final["email"]!.GetValue<string>());
        Assert.Equal(sent["employeeId"]!.GetValue<string>(), final["employeeId"]!.GetValue<string>());
        Assert.Equal(sent["username"]!.GetValue<string>(), final["username"]!.GetValue<string>());
        Assert.Equal(
            sent["groupRoles"]!.AsArray().Select(r => (r!["groupId"]!.GetValue<Guid>(), r["roleId"]!.GetValue<int>())).Order(),
            final["groupRoles"]!.AsArray().Select(r => (Guid.Parse(r!["groupId"]!.GetValue<string>()), r["roleId"]!.GetValue<int>())).Order());
    }

    [StoreFact]
    public async Task ParallelCreates_ClaimingOneUsernameInDifferentCases_OneSucceedsTheRestGet409()
    {
        var company = await app.NewCompanyAsync();
        var name = "Racer" + Unique.Letters();

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
        {
            var body = UserBodies.Create(company.RootId);
            body["username"] = MixCase(name, i);
            return company.Admin.PostAsync("/v1/users", Json.Content(body));
        }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var messages = await HttpAssert.ExpectErrorAsync(refused, HttpStatusCode.Conflict);
            Assert.Contains(messages, m => m.StartsWith("username", StringComparison.Ordinal));
        }
    }

    [StoreFact]
    public async Task ParallelUpdates_ClaimingOneUsernameInDifferentCases_OneSucceedsTheRestGet409()
    {
        var company = await app.NewCompanyAsync();
        var users = new List<TestUser>();
        for (var i = 0; i < Writers; i++)
        {
            users.Add(await company.CreateUserAsync(company.RootId));
        }
        var name = "Racer" + Unique.Letters();

        var responses = await Task.WhenAll(users.Select((u, i) =>
        {
            var body = UserBodies.Update(company.RootId);
            body["username"] = MixCase(name, i);
            return company.Admin.PutJsonAsync($"/v1/users/{u.Id}", body);
        }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(Writers - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [StoreFact]
    public async Task ParallelUpdates_ClaimingOneEmployeeIdInDifferentCases_OneSucceedsTheRestGet409()
    {
        var company = await app.NewCompanyAsync();
        var users = new List<TestUser>();
        for (var i = 0; i < Writers; i++)
        {
            users.Add(await company.CreateUserAsync(company.RootId));
        }
        var employeeId = "Badge" + Unique.Letters();

        var responses = await Task.WhenAll(users.Select((u, i) =>
        {
            var body = UserBodies.Update(company.RootId);
            body["employeeId"] = MixCase(employeeId, i);
            return company.Admin.PutJsonAsync($"/v1/users/{u.Id}", body);
        }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(Writers - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [StoreFact]
    public async Task PatchRacingPut_LosesNoRoleAndDuplicatesNone()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        for (var round = 0; round < 5; round++)
        {
            var user = await company.CreateUserAsync(west);
            var put = UserBodies.Update(west, RoleCatalog.Driver);
            put["groupRoles"] = new JsonArray(UserBodies.GroupRole(west, RoleCatalog.Driver), UserBodies.GroupRole(west, RoleCatalog.Coach));
            var patch = new JsonArray(new JsonObject
            {
                ["op"] = "add",
                ["path"] = "/roles",
                ["value"] = UserBodies.GroupRole(east, RoleCatalog.VideoReviewer),
            });

            var results = await Task.WhenAll(
                company.Admin.PutJsonAsync($"/v1/users/{user.Id}", put),
                company.Admin.PatchJsonAsync($"/v1/users/{user.Id}/groupRoles", patch));

            Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            var roles = (await company.GetUserAsync(user.Id))["groupRoles"]!.AsArray()
                .Select(r => (Guid.Parse(r!["groupId"]!.GetValue<string>()), r["roleId"]!.GetValue<int>())).ToList();
            Assert.Equal(roles.Count, roles.Distinct().Count());
            // The writes were serialised: the one with the higher version came second and saw the first.
            // PUT second: exactly its roles. PATCH second: the PUT's roles plus the added one.
            var putVersion = int.Parse(results[0].Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
            var patchVersion = int.Parse(results[1].Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
            List<(Guid, int)> expected = [(west, RoleCatalog.Driver), (west, RoleCatalog.Coach)];
            if (patchVersion > putVersion)
            {
                expected.Add((east, RoleCatalog.VideoReviewer));
            }
            Assert.Equal(expected.Order(), roles.Order());
        }
    }

    private static string MixCase(string name, int seed) =>
        new(name.Select((c, i) => ((seed >> (i % 5)) & 1) == 1 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray());
}
