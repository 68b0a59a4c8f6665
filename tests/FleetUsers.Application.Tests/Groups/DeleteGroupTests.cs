using FleetUsers.Application.Tests.Support;
using FleetUsers.Domain;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Roles;
using static FleetUsers.Application.Tests.Support.InMemoryCompany;

namespace FleetUsers.Application.Tests.Groups;

/// <summary>DeleteGroup (DELETE /v1/groups/{id}) against in-memory ports: a group with subgroups or users stays.</summary>
public sealed class DeleteGroupTests
{
    private readonly InMemoryCompany _directory = new();

    [Fact]
    public async Task AGroupWithSubgroups_IsNotDeleted_AndTheConflictNamesThem()
    {
        var manager = _directory.AddUser("manager", Root, RoleCatalog.GroupManager);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => _directory.DeleteGroup.ExecuteAsync(CallerOf(manager), West, CancellationToken.None));

        Assert.Contains(conflict.Problems, p => p.Contains("1 subgroup(s)", StringComparison.Ordinal) && p.Contains("Seattle", StringComparison.Ordinal));
        Assert.NotNull(_directory.Database.Group(West));
        Assert.Empty(_directory.Database.GroupTrail);
    }

    [Fact]
    public async Task AGroupWithUsers_IsNotDeleted_AndTheConflictCountsThem()
    {
        var manager = _directory.AddUser("manager", Root, RoleCatalog.GroupManager);
        _directory.AddUser("driver-1", Seattle);
        _directory.AddUser("driver-2", Seattle);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => _directory.DeleteGroup.ExecuteAsync(CallerOf(manager), Seattle, CancellationToken.None));

        Assert.Contains(conflict.Problems, p => p.Contains("2 user(s)", StringComparison.Ordinal));
        Assert.NotNull(_directory.Database.Group(Seattle));
    }

    [Fact]
    public async Task AnEmptyGroup_IsDeleted_WithOneTrailEntryAndOneEvent()
    {
        var manager = _directory.AddUser("manager", Root, RoleCatalog.GroupManager);

        await _directory.DeleteGroup.ExecuteAsync(CallerOf(manager), East, CancellationToken.None);

        Assert.Null(_directory.Database.Group(East));
        Assert.Equal(GroupAuditAction.Delete, Assert.Single(_directory.Database.GroupTrail).Action);
        Assert.Equal("group.deleted", Assert.Single(_directory.Database.Events).Type);
    }
}
