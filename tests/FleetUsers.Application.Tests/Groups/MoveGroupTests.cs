using FleetUsers.Application.Tests.Support;
using FleetUsers.Domain;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using static FleetUsers.Application.Tests.Support.InMemoryCompany;

namespace FleetUsers.Application.Tests.Groups;

/// <summary>EditGroup moving a group (PUT /v1/groups/{id} with parentId) against in-memory ports: cycles and the tree's depth.</summary>
public sealed class MoveGroupTests
{
    private readonly InMemoryCompany _directory = new();

    [Fact]
    public async Task MovingAGroupBelowItself_IsRefused_AndTheTreeStays()
    {
        var manager = _directory.AddUser("manager", Root, RoleCatalog.GroupManager);

        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(() => _directory.EditGroup.ExecuteAsync(CallerOf(manager), West,
            MoveUnder(Seattle), ifMatch: null, CancellationToken.None));

        Assert.Contains(refusal.Problems, p => p.Contains("would make a cycle", StringComparison.Ordinal));
        Assert.Equal(Root, _directory.Database.Group(West)!.ParentId);
        Assert.Empty(_directory.Database.GroupTrail);
    }

    [Fact]
    public async Task AMoveThatPutsAGroupBelowTheDeepestLevel_IsRefused()
    {
        var manager = _directory.AddUser("manager", Root, RoleCatalog.GroupManager);
        var deepest = Root;
        for (var level = 2; level <= GroupLimits.MaxDepth; level++)
        {
            deepest = _directory.AddGroup($"Level {level}", deepest);
        }

        // West holds Seattle: under a group one level above the deepest, Seattle would be one level too deep.
        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(() => _directory.EditGroup.ExecuteAsync(CallerOf(manager), West,
            MoveUnder(_directory.Database.Group(deepest)!.ParentId!.Value), ifMatch: null, CancellationToken.None));

        Assert.Contains(refusal.Problems, p => p.StartsWith(GroupLimits.DepthExceeded, StringComparison.Ordinal));
        Assert.Equal(Root, _directory.Database.Group(West)!.ParentId);
    }

    [Fact]
    public async Task AMoveToTheDeepestLevel_IsMade_AndEveryGroupBelowGetsANewRevision()
    {
        var manager = _directory.AddUser("manager", Root, RoleCatalog.GroupManager);
        var parent = Root;
        for (var level = 2; level <= GroupLimits.MaxDepth - 2; level++)
        {
            parent = _directory.AddGroup($"Level {level}", parent);
        }

        await _directory.EditGroup.ExecuteAsync(CallerOf(manager), West, MoveUnder(parent), ifMatch: null, CancellationToken.None);

        Assert.Equal(parent, _directory.Database.Group(West)!.ParentId);
        Assert.Equal((2, 2), (_directory.Database.Group(West)!.Revision, _directory.Database.Group(Seattle)!.Revision));
        Assert.Equal(GroupAuditAction.Move, Assert.Single(_directory.Database.GroupTrail).Action);
        Assert.Equal("group.moved", Assert.Single(_directory.Database.Events).Type);
    }

    private static GroupDraft MoveUnder(Guid parentId) => new() { ParentId = parentId, HasName = false, HasDescription = false };
}
