using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Concurrency;

/// <summary>
/// Write sessions queued behind one another, opened on the database itself: on SQLite they share one
/// batch (group commit), each in a savepoint; on PostgreSQL each is a transaction of its own. Either
/// way a session that fails takes back only itself, and a commit returns only once it is durable.
/// </summary>
public sealed class WriteBatchTests(FleetUsersApp app)
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [StoreFact]
    public async Task ASessionFailingInTheMiddleOfABatch_TakesBackOnlyItself()
    {
        var company = await app.NewCompanyAsync();
        var users = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await company.CreateUserAsync(company.RootId));
        }
        var database = app.Services.GetRequiredService<IDatabase>();

        var first = await database.BeginAsync(write: true, CancellationToken.None);
        // On SQLite these two queue for the write turn while the first holds it.
        var second = database.BeginAsync(write: true, CancellationToken.None);
        var third = database.BeginAsync(write: true, CancellationToken.None);
        await ChangeAsync(first, company, users[0].Id, "Committed");
        var firstCommit = first.CommitAsync(CancellationToken.None);
        var turnFirst = await Task.WhenAny(second, third);
        var turnNext = turnFirst == second ? third : second;

        var failing = await turnFirst;
        await ChangeAsync(failing, company, users[1].Id, "Failed");
        // The request fails here (an exception, a refusal): disposed without commit, answered once the batch is.
        var failed = failing.DisposeAsync().AsTask();
        var last = await turnNext.WaitAsync(HangGuard);
        await ChangeAsync(last, company, users[2].Id, "Committed");
        await last.CommitAsync(CancellationToken.None).WaitAsync(HangGuard);
        await last.DisposeAsync();
        await firstCommit.WaitAsync(HangGuard);
        await failed.WaitAsync(HangGuard);
        await first.DisposeAsync();

        Assert.Equal("Committed", await FirstNameAsync(company, users[0].Id));
        Assert.NotEqual("Failed", await FirstNameAsync(company, users[1].Id));
        Assert.Equal("Committed", await FirstNameAsync(company, users[2].Id));
        Assert.Equal(1, await AuditEntriesAsync(company, users[1].Id)); // its creation only
        Assert.Equal(2, await AuditEntriesAsync(company, users[0].Id));
        Assert.Equal(2, await AuditEntriesAsync(company, users[2].Id));
    }

    [StoreFact(Only = "sqlite")]
    public async Task ACommit_ReturnsOnlyOnceItsBatchIsCommitted()
    {
        var company = await app.NewCompanyAsync();
        var first = await company.CreateUserAsync(company.RootId);
        var second = await company.CreateUserAsync(company.RootId);
        var database = app.Services.GetRequiredService<IDatabase>();

        var early = await database.BeginAsync(write: true, CancellationToken.None);
        var laterBegun = database.BeginAsync(write: true, CancellationToken.None);
        await ChangeAsync(early, company, first.Id, "Early");
        var earlyCommit = early.CommitAsync(CancellationToken.None);
        var later = await laterBegun.WaitAsync(HangGuard);

        // The batch is still open (the later session is in it): the early commit has not returned, and nothing shows.
        Assert.False(earlyCommit.IsCompleted);
        Assert.NotEqual("Early", await FirstNameAsync(company, first.Id));
        await ChangeAsync(later, company, second.Id, "Later");
        await later.CommitAsync(CancellationToken.None).WaitAsync(HangGuard);
        await earlyCommit.WaitAsync(HangGuard);
        Assert.Equal("Early", await FirstNameAsync(company, first.Id));
        Assert.Equal("Later", await FirstNameAsync(company, second.Id));
        await later.DisposeAsync();
        await early.DisposeAsync();
    }

    /// <summary>A session that ends without committing, after others committed into its batch, ends once they are durable: its refusal may rest on their writes.</summary>
    [StoreFact(Only = "sqlite")]
    public async Task ARefusalAfterOthersInItsBatch_IsAnsweredOnlyOnceTheirWritesAreCommitted()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var database = app.Services.GetRequiredService<IDatabase>();

        var writer = await database.BeginAsync(write: true, CancellationToken.None);
        var refusingBegun = database.BeginAsync(write: true, CancellationToken.None);
        await ChangeAsync(writer, company, user.Id, "Taken");
        var written = writer.CommitAsync(CancellationToken.None);
        var refusing = await refusingBegun.WaitAsync(HangGuard);
        var lastBegun = database.BeginAsync(write: true, CancellationToken.None); // keeps the batch open
        Assert.Equal("Taken", (await refusing.Users.FindAsync(company.CompanyId, user.Id, forUpdate: true, CancellationToken.None))!.Profile.FirstName);
        var refused = refusing.DisposeAsync().AsTask(); // refused, for what it read

        var last = await lastBegun.WaitAsync(HangGuard);
        Assert.False(refused.IsCompleted);
        Assert.False(written.IsCompleted);
        await last.DisposeAsync();
        await Task.WhenAll(refused, written).WaitAsync(HangGuard);
        Assert.Equal("Taken", await FirstNameAsync(company, user.Id));
        await writer.DisposeAsync();
    }

    /// <summary>
    /// Waiters giving up (cancelled) while sessions commit: whoever ends a turn leaves the batch open
    /// when someone waits, so one who then gives up must see it committed. Every commit returns.
    /// </summary>
    [StoreFact(Only = "sqlite")]
    public async Task WaitersGivingUpWhileSessionsCommit_LeaveNoBatchUncommitted()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var database = app.Services.GetRequiredService<IDatabase>();

        for (var round = 0; round < 20; round++)
        {
            var holder = await database.BeginAsync(write: true, CancellationToken.None);
            var giveUps = Enumerable.Range(0, 8).Select(_ => new CancellationTokenSource()).ToList();
            var waiters = giveUps.Select(g => database.BeginAsync(write: true, g.Token)).ToList();
            await ChangeAsync(holder, company, user.Id, $"Round{round}");
            var commit = holder.CommitAsync(CancellationToken.None);
            // The waiters give up at once, some maybe just as the turn is handed to them.
            foreach (var giveUp in giveUps)
            {
                await giveUp.CancelAsync();
            }
            // Side by side: a session that got the turn ends once its batch commits, which may wait for the next one.
            await Task.WhenAll(waiters.Select(async waiter =>
            {
                try
                {
                    await using var session = await waiter;
                }
                catch (OperationCanceledException)
                {
                    // gave up in time
                }
            })).WaitAsync(HangGuard);
            await commit.WaitAsync(HangGuard);
            await holder.DisposeAsync();
            Assert.Equal($"Round{round}", await FirstNameAsync(company, user.Id));
            giveUps.ForEach(g => g.Dispose());
        }
    }

    private async Task ChangeAsync(IStorageSession session, TestCompany company, Guid userId, string firstName)
    {
        var recorder = app.Services.GetRequiredService<ChangeRecorder>();
        var account = (await session.Users.FindAsync(company.CompanyId, userId, forUpdate: true, CancellationToken.None))!;
        var before = account.Profile;
        var version = account.Version;
        account.Profile = before with { FirstName = firstName };
        account.Version++;
        await recorder.UserChangedAsync(session, ChangeRecorder.Operator, "update", before, account, passwordChanged: false, CancellationToken.None);
        await session.Users.UpdateAsync(account, version, rolesChanged: false, CancellationToken.None); // throws if the version moved
    }

    private async Task<string?> FirstNameAsync(TestCompany company, Guid userId) =>
        (await StoreReads.FindUserAsync(app, company.CompanyId, userId))?.Profile.FirstName;

    private static async Task<int> AuditEntriesAsync(TestCompany company, Guid userId) =>
        (await company.Admin.GetObjectAsync($"/v1/users/{userId}/auditLogs"))["data"]!.AsArray().Count;
}
