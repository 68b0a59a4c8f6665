using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;
using FleetUsers.Domain.Groups;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Concurrency;

/// <summary>
/// On PostgreSQL a change's writes are held back and sent with the COMMIT in one batch (issue 15); SQLite runs
/// them as they come. Either way a refused write (the version guard, a unique index, a foreign key) is refused
/// as such and takes back everything the session wrote, and a read in the session sees its own writes.
/// </summary>
public sealed class HeldBackWriteTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task AWriteGuardedByAStaleVersion_IsRefused_AndTakesBackTheAuditEntryBeforeIt()
    {
        var (company, user) = await NewUserAsync();
        var audit = await StoreReads.AuditCountAsync(app, company.CompanyId);

        await Assert.ThrowsAsync<VersionMovedException>(() => ChangeAndCommitAsync(company, user.Id, account =>
            account.Profile = account.Profile with { FirstName = "Stale" }, versionOffset: -1));

        await AssertUnchangedAsync(company, user, audit);
    }

    [StoreFact]
    public async Task AUsernameTakenBetweenCheckAndWrite_IsAUniqueViolation_AndNothingIsWritten()
    {
        var (company, user) = await NewUserAsync();
        var other = await company.CreateUserAsync(company.RootId);
        var audit = await StoreReads.AuditCountAsync(app, company.CompanyId);

        var refused = await Assert.ThrowsAsync<UniqueViolationException>(() => ChangeAndCommitAsync(company, user.Id, account =>
            account.Profile = account.Profile with { Username = other.Username }));

        Assert.True(refused.IsUsername);
        await AssertUnchangedAsync(company, user, audit);
    }

    [StoreFact]
    public async Task ARoleInAGroupDeletedMeanwhile_IsAForeignKeyViolation_AndNothingIsWritten()
    {
        var (company, user) = await NewUserAsync();
        var audit = await StoreReads.AuditCountAsync(app, company.CompanyId);

        await Assert.ThrowsAsync<ForeignKeyViolationException>(() => ChangeAndCommitAsync(company, user.Id, account =>
            account.Profile = account.Profile with { GroupRoles = [.. account.GroupRoles, new GroupRole(Guid.CreateVersion7(), 4)] }));

        await AssertUnchangedAsync(company, user, audit);
    }

    [StoreFact]
    public async Task AReadInTheSession_SeesItsHeldBackWrites()
    {
        var (company, user) = await NewUserAsync();
        string? seen = null;

        await ChangeAndCommitAsync(company, user.Id, account => account.Profile = account.Profile with { FirstName = "Seen" }, readBack: async session =>
            seen = (await session.Users.FindAsync(company.CompanyId, user.Id, forUpdate: false, CancellationToken.None))!.Profile.FirstName);

        Assert.Equal("Seen", seen);
        Assert.Equal("Seen", (await StoreReads.FindUserAsync(app, company.CompanyId, user.Id))!.Profile.FirstName);
    }

    private async Task<(TestCompany Company, TestUser User)> NewUserAsync()
    {
        var company = await app.NewCompanyAsync();
        return (company, await company.CreateUserAsync(company.RootId));
    }

    /// <summary>A change as UserWrites makes it (its record, then the row), with the version guard off by <paramref name="versionOffset"/>.</summary>
    private async Task ChangeAndCommitAsync(TestCompany company, Guid userId, Action<UserAccount> change, int versionOffset = 0,
        Func<IStorageSession, Task>? readBack = null)
    {
        var database = app.Services.GetRequiredService<IDatabase>();
        await using var session = await database.BeginAsync(write: true, CancellationToken.None);
        var account = (await session.Users.FindAsync(company.CompanyId, userId, forUpdate: true, CancellationToken.None))!;
        var before = account.Profile;
        var version = account.Version;
        change(account);
        account.Version++;
        await app.Services.GetRequiredService<ChangeRecorder>().UserChangedAsync(session, ChangeRecorder.Operator, "update", before, account,
            passwordChanged: false, CancellationToken.None);
        var rolesChanged = !before.GroupRoles.ToHashSet().SetEquals(account.GroupRoles);
        await session.Users.UpdateAsync(account, version + versionOffset, rolesChanged, CancellationToken.None);
        if (readBack is not null)
        {
            await readBack(session);
        }
        await session.CommitAsync(CancellationToken.None);
    }

    private async Task AssertUnchangedAsync(TestCompany company, TestUser user, int auditEntries)
    {
        Assert.Equal(auditEntries, await StoreReads.AuditCountAsync(app, company.CompanyId));
        var stored = (await StoreReads.FindUserAsync(app, company.CompanyId, user.Id))!;
        Assert.Equal(user.Username, stored.Username);
        Assert.Single(stored.GroupRoles);
        // The connection the refused batch ran on went back to the pool in a usable state: the next change works.
        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", UserBodies.Update(company.RootId));
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
    }
}
