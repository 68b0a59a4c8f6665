using FleetUsers.Application.Ports;
using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Concurrency;

/// <summary>
/// Reads of several statements (a list's page, roles and count; an export's pages) run in one
/// snapshot: a change committed between two of them shows in neither.
/// </summary>
public sealed class SnapshotReadTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task PagesReadInOneSnapshot_NeitherRepeatNorSkipAUserRenamedBetweenThem()
    {
        var company = await app.NewCompanyAsync();
        var group = await company.AddGroupAsync("Snapshot");
        var users = new Dictionary<string, TestUser>();
        foreach (var last in new[] { "Adams", "Baker", "Clark", "Davis" })
        {
            users[last] = await company.CreateUserAsync(group, customize: b => b["lastName"] = last);
        }
        var filter = new UserListFilter { CompanyId = company.CompanyId, InGroups = [group], Limit = 2 };
        var ct = TestContext.Current.CancellationToken;

        await using var snapshot = await app.Services.GetRequiredService<IDatabase>().BeginSnapshotAsync(ct);
        var first = await snapshot.Users.PageAsync(filter, ct);
        // Davis becomes Aaronson: read afresh, the second page would repeat Baker and lose Davis.
        var renamed = UserBodies.Update(group);
        renamed["lastName"] = "Aaronson";
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{users["Davis"].Id}", renamed), HttpStatusCode.OK);
        var second = await snapshot.Users.PageAsync(filter with { Offset = 2 }, ct);

        Assert.Equal(["Adams", "Baker"], first.Select(u => u.Profile.LastName));
        Assert.Equal(["Clark", "Davis"], second.Select(u => u.Profile.LastName));
    }
}
