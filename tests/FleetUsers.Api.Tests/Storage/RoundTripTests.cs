using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// Round trips to PostgreSQL per request (issue 15), counted on the wire by <see cref="RoundTripCounter"/>
/// in front of an instance of its own. The caller, read by the request before, is not read again: its
/// confirmation goes with the first reads (CallerConfirmation). Then for a GET the user with the tree's
/// version, for a PUT the user locked with its roles and the tree's version, then every write and the
/// COMMIT in one batch; a login's throttle reads each time in one statement and sends its writes with the COMMIT. SQLite pays nothing for a round trip and keeps its sequential path.
/// </summary>
public sealed class RoundTripTests(PostgresApp app) : IClassFixture<PostgresApp>
{

    [Fact]
    public async Task Get_ConfirmsTheCallerAndReadsTheUserAndTheTreeVersionInOneRoundTrip()
    {
        await using var rig = await StartAsync();
        var (counter, company, admin, user) = (rig.Counter, rig.Company, rig.Admin, rig.User);

        var trips = await CountAsync(counter, () => admin.GetAsync($"/v1/users/{user.Id}"), HttpStatusCode.OK);

        Assert.Equal(1, trips);
    }

    [Fact]
    public async Task Search_ConfirmsTheCallerWithTheTreeVersion_ThenReadsThePageWithItsRoles()
    {
        await using var rig = await StartAsync();
        var (counter, admin, user) = (rig.Counter, rig.Admin, rig.User);

        var trips = await CountAsync(counter, () => admin.GetAsync($"/v1/users?searchText={user.Username}"), HttpStatusCode.OK);

        // The snapshot's BEGIN with the caller's confirmation and the tree's version (the tree itself cached), the page
        // with its users' roles (the page is not full, so it gives the count), then the snapshot's end. Five when each of
        // these went on its own.
        Assert.Equal(1 + 1 + 1, trips);
        var found = await admin.GetObjectAsync($"/v1/users?searchText={user.Username}");
        var listed = Assert.Single(found["data"]!.AsArray())!;
        Assert.Equal(user.Id.ToString(), listed["userId"]!.GetValue<string>());
        Assert.Equal(user.Body["groupRoles"]!.ToJsonString(), listed["groupRoles"]!.ToJsonString());
    }

    [Fact]
    public async Task Put_ReadsInOneRoundTrip_AndWritesWithTheCommitInAnother()
    {
        await using var rig = await StartAsync();
        var (counter, company, admin, user) = (rig.Counter, rig.Company, rig.Admin, rig.User);
        var body = UserBodies.Update(company.RootId);

        // Each PUT changes the user (a new last name): an audit entry, an event and the row.
        var trips = await CountAsync(counter, () =>
        {
            body["lastName"] = "Smith " + Unique.Letters();
            return admin.PutJsonAsync($"/v1/users/{user.Id}", body);
        }, HttpStatusCode.OK);

        Assert.Equal(2, trips);
    }

    [Fact]
    public async Task Put_ChangingRoles_WritesThemInTheSameBatch()
    {
        await using var rig = await StartAsync();
        var (counter, company, admin, user) = (rig.Counter, rig.Company, rig.Admin, rig.User);
        var other = await company.AddGroupAsync("Other " + Unique.Suffix());
        var body = UserBodies.Update(company.RootId);
        var twoRoles = false;

        // Each PUT replaces the roles: one, then two, then one again.
        var trips = await CountAsync(counter, () =>
        {
            twoRoles = !twoRoles;
            body["groupRoles"] = twoRoles
                ? new JsonArray(UserBodies.GroupRole(company.RootId, RoleCatalog.Driver), UserBodies.GroupRole(other, RoleCatalog.Coach))
                : new JsonArray(UserBodies.GroupRole(company.RootId, RoleCatalog.Driver));
            return admin.PutJsonAsync($"/v1/users/{user.Id}", body);
        }, HttpStatusCode.OK);

        Assert.Equal(2, trips);
    }

    [Fact]
    public async Task Put_WithAPassword_ChecksOnceBeforeHashing_ThenReadsAndWritesInTwoRoundTrips()
    {
        await using var rig = await StartAsync();
        var (counter, company, admin, user) = (rig.Counter, rig.Company, rig.Admin, rig.User);
        var body = UserBodies.Update(company.RootId);

        var trips = await CountAsync(counter, () =>
        {
            body["password"] = "New-Pass-" + Unique.Suffix();
            return admin.PutJsonAsync($"/v1/users/{user.Id}", body);
        }, HttpStatusCode.OK);

        // The checks before the hash (404, 403, 400 cost no hashing) are one read of their own.
        Assert.Equal(1 + 2, trips);
    }

    [Fact]
    public async Task Post_SendsTheUserItsRolesAndItsRecordWithTheCommit()
    {
        await using var rig = await StartAsync();
        var (counter, company, admin) = (rig.Counter, rig.Company, rig.Admin);
        var other = await company.AddGroupAsync("Other " + Unique.Suffix());

        var trips = await CountAsync(counter, () =>
        {
            var body = UserBodies.Create(company.RootId);
            body["groupRoles"] = new JsonArray(UserBodies.GroupRole(company.RootId, RoleCatalog.Driver), UserBodies.GroupRole(other, RoleCatalog.Coach));
            return admin.PostJsonAsync("/v1/users", body);
        }, HttpStatusCode.Created);

        // The caller (POST reads it), the tree's version, the username looked up (the body has no employee id), then
        // the audit entry, the event, the user and its two roles with the COMMIT (8 when the user and its roles went one by one).
        Assert.Equal(1 + 1 + 1 + 1, trips);
    }

    [Fact]
    public async Task Login_LooksOnce_CountsInThree_AndRecordsTheSuccessInTwo()
    {
        await using var rig = await StartAsync();
        var anonymous = FleetUsersApp.ClientOf(rig.Instance);
        var body = new JsonObject { ["username"] = rig.Company.AdminUsername, ["password"] = TestCompany.AdminPassword };

        var trips = await CountAsync(rig.Counter, () => anonymous.PostJsonAsync("/api/auth/user", body), HttpStatusCode.OK);

        // The look without a lock (the keys' failures and the known address in one read); the locked step: the three
        // keys' locks in one statement, the same read again, the user, then the three failures counted with the COMMIT;
        // after the hash, the login written, then the attempt's count taken back and the address remembered with the
        // COMMIT. One statement per key and a statement per write made it 23.
        Assert.Equal(1 + 4 + 2, trips);
    }

    /// <summary>
    /// The request's round trips, after a first one of the same kind (the same call) warmed the pool and the prepared
    /// statements, and left the caller remembered.
    /// </summary>
    private static async Task<int> CountAsync(RoundTripCounter counter, Func<Task<HttpResponseMessage>> request, HttpStatusCode expected)
    {
        await HttpAssert.ExpectAsync(await request(), expected);
        counter.Reset();
        await HttpAssert.ExpectAsync(await request(), expected);
        return counter.RoundTrips;
    }

    /// <summary>
    /// An instance on the shared database, through the counter (its background work waits out the test), with a
    /// company's administrator signed in on it and one user to read and change.
    /// </summary>
    private async Task<Rig> StartAsync()
    {
        var company = await app.NewCompanyAsync();
        var (counter, connectionString) = RoundTripCounter.InFrontOf(app.StoreSettings["ConnectionStrings:Users"]!);
        var instance = app.Sibling(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Users"] = connectionString,
            ["Audit:CleanupIntervalMinutes"] = "600",
            ["Events:CleanupIntervalMinutes"] = "600",
        });
        var admin = await company.AdminOnAsync(instance);
        var user = await company.CreateUserAsync(company.RootId);
        return new Rig(counter, instance, company, admin, user);
    }

    private sealed record Rig(RoundTripCounter Counter, WebApplicationFactory<Program> Instance, TestCompany Company, HttpClient Admin, TestUser User)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Instance.DisposeAsync(); // before the counter its connections go through
            await Counter.DisposeAsync();
        }
    }
}
