using FleetUsers.Application.Tests.Support;
using FleetUsers.Domain;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Roles;
using static FleetUsers.Application.Tests.Support.InMemoryCompany;

namespace FleetUsers.Application.Tests.Users;

/// <summary>CreateUser (POST /v1/users) against in-memory ports: uniqueness, the primary group, the caller's reach.</summary>
public sealed class CreateUserTests
{
    private readonly InMemoryCompany _directory = new();

    [Fact]
    public async Task ANewUser_IsInsertedWithOneCreateEntryAndOneEvent_AndItsPrimaryGroupDerived()
    {
        var admin = _directory.AddUser("admin", Root, RoleCatalog.Administrator);

        var details = await _directory.CreateUser.ExecuteAsync(CallerOf(admin), NewUser("new.driver", Seattle), CancellationToken.None);

        var stored = _directory.Database.User(details.Id);
        Assert.Equal(("new.driver", 1), (stored.Username, stored.Version));
        Assert.Equal(Seattle, details.PrimaryGroupId);
        var entry = Assert.Single(_directory.Database.Audit);
        Assert.Equal((AuditAction.Create, details.Id), (entry.Action, entry.UserId));
        var change = Assert.Single(_directory.Database.Events);
        Assert.Equal(("user.created", details.Id), (change.Type, change.SubjectId));
    }

    [Fact]
    public async Task ATakenUsernameAndEmployeeId_AreBothConflicts_AndNothingIsWritten()
    {
        var admin = _directory.AddUser("admin", Root, RoleCatalog.Administrator);
        _directory.AddUser("taken", East, employeeId: "E-7");

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => _directory.CreateUser.ExecuteAsync(CallerOf(admin),
            NewUser("TAKEN", West, change: p => p with { EmployeeId = "e-7" }), CancellationToken.None));

        Assert.Equal(2, conflict.Problems.Count);
        Assert.Equal(2, _directory.Database.AllUsers.Count);
        Assert.Empty(_directory.Database.Audit);
        Assert.Empty(_directory.Database.Events);
    }

    [Fact]
    public async Task APrimaryGroupOutsideTheGroupRoles_IsRefusedNamingIt()
    {
        var admin = _directory.AddUser("admin", Root, RoleCatalog.Administrator);

        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(() => _directory.CreateUser.ExecuteAsync(CallerOf(admin),
            NewUser("driver", Seattle, change: p => p with { PrimaryGroupId = East }), CancellationToken.None));

        Assert.Contains(refusal.Problems, p => p.StartsWith("primaryGroupId", StringComparison.Ordinal));
        Assert.Single(_directory.Database.AllUsers);
    }

    [Fact]
    public async Task AUserInAGroupOutsideTheCallersReach_IsRefused()
    {
        var westAdmin = _directory.AddUser("west-admin", West, RoleCatalog.Administrator);

        await Assert.ThrowsAsync<ForbiddenException>(() => _directory.CreateUser.ExecuteAsync(CallerOf(westAdmin),
            NewUser("east.driver", East), CancellationToken.None));

        Assert.Single(_directory.Database.AllUsers);
        Assert.Empty(_directory.Database.Audit);
    }

    [Fact]
    public async Task ACallerWhoManagesNoGroup_IsRefusedBeforeTheBodyIsChecked()
    {
        var driver = _directory.AddUser("driver", West);

        // The body is invalid too (no first name): a caller who may create nobody learns nothing about it.
        await Assert.ThrowsAsync<ForbiddenException>(() => _directory.CreateUser.ExecuteAsync(CallerOf(driver),
            NewUser("other", West, change: p => p with { FirstName = "" }), CancellationToken.None));
    }
}
