using FleetUsers.Application.Tests.Support;
using FleetUsers.Domain;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using static FleetUsers.Application.Tests.Support.InMemoryCompany;

namespace FleetUsers.Application.Tests.Users;

/// <summary>UpdateUser (PUT /v1/users/{id}) against in-memory ports: its reach checks, its uniqueness checks, and what it records.</summary>
public sealed class UpdateUserTests
{
    private readonly InMemoryCompany _directory = new();

    [Fact]
    public async Task AChange_IsWrittenWithOneAuditEntryNamingOnlyTheChangedFields_AndANewVersion()
    {
        var admin = _directory.AddUser("admin", Root, RoleCatalog.Administrator);
        var driver = _directory.AddUser("driver", Seattle);

        var details = await _directory.UpdateUser.ExecuteAsync(CallerOf(admin), driver.Id,
            Draft(driver, p => p with { Email = " d@example.com ", FirstName = "Dana" }), ifMatch: null, CancellationToken.None);

        var stored = _directory.Database.User(driver.Id);
        Assert.Equal(("d@example.com", "Dana", 2), (stored.Profile.Email, stored.Profile.FirstName, stored.Version));
        Assert.Equal(2, details.Version);
        var entry = Assert.Single(_directory.Database.Audit);
        Assert.Equal((AuditAction.Update, admin.Id.ToString(), driver.Id), (entry.Action, entry.Actor.Id, entry.UserId));
        Assert.Equal(["firstName", "email"], entry.Changes.Select(c => c.Field));
        var change = Assert.Single(_directory.Database.Events);
        Assert.Equal(("user.updated", driver.Id), (change.Type, change.SubjectId));
    }

    [Fact]
    public async Task AnAdministratorOfAnotherBranch_IsRefused_AndNothingIsWritten()
    {
        var manager = _directory.AddUser("west-admin", West, RoleCatalog.Administrator);
        var driver = _directory.AddUser("east-driver", East);

        await Assert.ThrowsAsync<ForbiddenException>(() => _directory.UpdateUser.ExecuteAsync(CallerOf(manager), driver.Id,
            Draft(driver, p => p with { FirstName = "Changed" }), ifMatch: null, CancellationToken.None));

        Assert.Equal(("Test", 1), (_directory.Database.User(driver.Id).Profile.FirstName, _directory.Database.User(driver.Id).Version));
        Assert.Empty(_directory.Database.Audit);
        Assert.Empty(_directory.Database.Events);
    }

    [Fact]
    public async Task MovingAUserIntoAGroupTheCallerDoesNotManage_IsRefused()
    {
        var manager = _directory.AddUser("west-admin", West, RoleCatalog.Administrator);
        var driver = _directory.AddUser("seattle-driver", Seattle);

        await Assert.ThrowsAsync<ForbiddenException>(() => _directory.UpdateUser.ExecuteAsync(CallerOf(manager), driver.Id,
            Draft(driver, p => p with { GroupRoles = [new GroupRole(East, RoleCatalog.Driver)] }), ifMatch: null, CancellationToken.None));

        Assert.Equal([new GroupRole(Seattle, RoleCatalog.Driver)], _directory.Database.User(driver.Id).GroupRoles);
    }

    [Fact]
    public async Task ATakenUsernameAndEmployeeId_AreBothReportedAsConflicts_AndNothingIsWritten()
    {
        var admin = _directory.AddUser("admin", Root, RoleCatalog.Administrator);
        _directory.AddUser("taken", West, employeeId: "E-1");
        var driver = _directory.AddUser("driver", West);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => _directory.UpdateUser.ExecuteAsync(CallerOf(admin), driver.Id,
            Draft(driver, p => p with { Username = "TAKEN", EmployeeId = "e-1" }), ifMatch: null, CancellationToken.None));

        Assert.Equal(2, conflict.Problems.Count);
        Assert.Equal("driver", _directory.Database.User(driver.Id).Username);
        Assert.Empty(_directory.Database.Audit);
    }

    [Fact]
    public async Task AStaleIfMatch_IsRefused_BeforeAnyNameIsLookedUp()
    {
        var admin = _directory.AddUser("admin", Root, RoleCatalog.Administrator);
        _directory.AddUser("taken", West);
        var driver = _directory.AddUser("driver", West);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => _directory.UpdateUser.ExecuteAsync(CallerOf(admin), driver.Id,
            Draft(driver, p => p with { Username = "taken" }), ifMatch: [7], CancellationToken.None));
    }

    [Fact]
    public async Task WithoutAPrimaryGroup_TheResponseDerivesItFromTheGroupRoles()
    {
        var admin = _directory.AddUser("admin", Root, RoleCatalog.Administrator);
        var driver = _directory.AddUser("driver", West);

        var details = await _directory.UpdateUser.ExecuteAsync(CallerOf(admin), driver.Id,
            Draft(driver, p => p with { PrimaryGroupId = null }), ifMatch: null, CancellationToken.None);

        Assert.Equal(West, details.PrimaryGroupId);
        Assert.Null(_directory.Database.User(driver.Id).Profile.PrimaryGroupId);
    }
}
