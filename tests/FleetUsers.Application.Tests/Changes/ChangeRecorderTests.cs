using FleetUsers.Application.Tests.Support;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using static FleetUsers.Application.Tests.Support.InMemoryCompany;

namespace FleetUsers.Application.Tests.Changes;

/// <summary>
/// What every write records through ChangeRecorder, in its own transaction: one audit entry and one
/// event per change; a write that changes nothing tells consumers nothing.
/// </summary>
public sealed class ChangeRecorderTests
{
    private readonly InMemoryCompany _directory = new();

    [Fact]
    public async Task EachUserWrite_RecordsOneEntryAndOneEvent_InItsOrder()
    {
        var admin = _directory.AddUser("admin", Root, RoleCatalog.Administrator);
        var created = await _directory.CreateUser.ExecuteAsync(CallerOf(admin), NewUser("driver", West), CancellationToken.None);
        var driver = _directory.Database.User(created.Id);

        await _directory.UpdateUser.ExecuteAsync(CallerOf(admin), driver.Id, Draft(driver, p => p with { Email = "d@example.com" }),
            ifMatch: null, CancellationToken.None);
        await _directory.UpdateUser.ExecuteAsync(CallerOf(admin), driver.Id, Draft(_directory.Database.User(driver.Id), p => p with { Status = "Inactive" }),
            ifMatch: null, CancellationToken.None);

        Assert.Equal([AuditAction.Create, AuditAction.Update, AuditAction.Update], _directory.Database.Audit.Select(e => e.Action));
        Assert.Equal(["user.created", "user.updated", "user.deactivated"], _directory.Database.Events.Select(e => e.Type));
        Assert.All(_directory.Database.Events, e => Assert.Equal((driver.Id, admin.Id.ToString()), (e.SubjectId, e.Actor.Id)));
    }

    [Fact]
    public async Task AUserWriteThatChangesNothing_RecordsAnEntryWithoutChanges_AndNoEvent()
    {
        var admin = _directory.AddUser("admin", Root, RoleCatalog.Administrator);
        var driver = _directory.AddUser("driver", West);

        await _directory.UpdateUser.ExecuteAsync(CallerOf(admin), driver.Id, Draft(driver, p => p), ifMatch: null, CancellationToken.None);

        Assert.Empty(Assert.Single(_directory.Database.Audit).Changes);
        Assert.Empty(_directory.Database.Events);
    }

    [Fact]
    public async Task AGroupRename_RecordsOneTrailEntryAndOneEvent()
    {
        var manager = _directory.AddUser("manager", Root, RoleCatalog.GroupManager);

        await _directory.EditGroup.ExecuteAsync(CallerOf(manager), East, Rename("Eastern"), ifMatch: null, CancellationToken.None);

        var entry = Assert.Single(_directory.Database.GroupTrail);
        Assert.Equal((GroupAuditAction.Update, East, "Eastern"), (entry.Action, entry.GroupId, entry.Name));
        Assert.Equal(("group.updated", East), (Assert.Single(_directory.Database.Events).Type, _directory.Database.Events[0].SubjectId));
    }

    [Fact]
    public async Task AGroupEditThatChangesNothing_RecordsNothing_AndKeepsTheRevision()
    {
        var manager = _directory.AddUser("manager", Root, RoleCatalog.GroupManager);

        await _directory.EditGroup.ExecuteAsync(CallerOf(manager), East, Rename("East"), ifMatch: null, CancellationToken.None);

        Assert.Empty(_directory.Database.GroupTrail);
        Assert.Empty(_directory.Database.Events);
        Assert.Equal(1, _directory.Database.Group(East)!.Revision);
    }

    private static GroupDraft Rename(string name) => new() { Name = name, HasDescription = false, HasParentId = false };
}
