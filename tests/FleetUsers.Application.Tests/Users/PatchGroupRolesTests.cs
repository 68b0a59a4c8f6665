using FleetUsers.Application.Tests.Support;
using FleetUsers.Domain;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;
using static FleetUsers.Application.Tests.Support.InMemoryCompany;

namespace FleetUsers.Application.Tests.Users;

/// <summary>PatchGroupRoles (PATCH /v1/users/{id}/groupRoles) against in-memory ports: the last role, the reach a caller would give itself.</summary>
public sealed class PatchGroupRolesTests
{
    private readonly InMemoryCompany _directory = new();

    [Fact]
    public async Task RemovingTheLastRole_IsRefused_AndTheRoleStays()
    {
        var admin = _directory.AddUser("admin", Root, RoleCatalog.Administrator);
        var driver = _directory.AddUser("driver", Seattle);

        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(() => _directory.PatchGroupRoles.ExecuteAsync(CallerOf(admin), driver.Id,
            [Remove(0, Seattle, RoleCatalog.Driver)], [], ifMatch: null, CancellationToken.None));

        Assert.Contains("groupRoles must keep at least one group role", refusal.Problems);
        Assert.Equal([new GroupRole(Seattle, RoleCatalog.Driver)], _directory.Database.User(driver.Id).GroupRoles);
    }

    [Fact]
    public async Task MovingARoleInOnePatch_IsWrittenWithOneEntryAndOneGroupRolesEvent()
    {
        var admin = _directory.AddUser("admin", Root, RoleCatalog.Administrator);
        var driver = _directory.AddUser("driver", Seattle);

        await _directory.PatchGroupRoles.ExecuteAsync(CallerOf(admin), driver.Id,
            [Remove(0, Seattle, RoleCatalog.Driver), Add(1, East, RoleCatalog.Driver)], [], ifMatch: null, CancellationToken.None);

        Assert.Equal([new GroupRole(East, RoleCatalog.Driver)], _directory.Database.User(driver.Id).GroupRoles);
        Assert.Equal(["groupRoles"], Assert.Single(_directory.Database.Audit).Changes.Select(c => c.Field));
        Assert.Equal("user.groupRoles.changed", Assert.Single(_directory.Database.Events).Type);
    }

    [Fact]
    public async Task AnAdministratorGivingItselfGroupManager_IsRefused()
    {
        var admin = _directory.AddUser("admin", West, RoleCatalog.Administrator);

        await Assert.ThrowsAsync<ForbiddenException>(() => _directory.PatchGroupRoles.ExecuteAsync(CallerOf(admin), admin.Id,
            [Add(0, West, RoleCatalog.GroupManager)], [], ifMatch: null, CancellationToken.None));

        Assert.Equal([new GroupRole(West, RoleCatalog.Administrator)], _directory.Database.User(admin.Id).GroupRoles);
        Assert.Empty(_directory.Database.Audit);
    }

    [Fact]
    public async Task AnAdministratorGivingItselfARoleBelowItsOwn_IsAllowed()
    {
        var admin = _directory.AddUser("admin", West, RoleCatalog.Administrator);

        await _directory.PatchGroupRoles.ExecuteAsync(CallerOf(admin), admin.Id,
            [Add(0, Seattle, RoleCatalog.Administrator)], [], ifMatch: null, CancellationToken.None);

        Assert.Equal(2, _directory.Database.User(admin.Id).GroupRoles.Count);
    }

    private static GroupRoleChange Add(int index, Guid groupId, int roleId) => new(index, GroupRoleChangeKind.Add, new GroupRole(groupId, roleId));

    private static GroupRoleChange Remove(int index, Guid groupId, int roleId) => new(index, GroupRoleChangeKind.Remove, new GroupRole(groupId, roleId));
}
