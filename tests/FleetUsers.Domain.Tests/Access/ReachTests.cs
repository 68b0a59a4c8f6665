using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using static FleetUsers.Domain.Tests.Support.SampleTree;

namespace FleetUsers.Domain.Tests.Access;

public sealed class ReachTests
{
    private static readonly Guid[] AllGroups = [Root, West, East, Seattle, Portland, Boston];

    private static Reach ReachOf(params GroupRole[] roles) =>
        Reach.Of(Caller.User(Guid.NewGuid(), "someone", CompanyId, roles), Build());

    [Fact]
    public void Administrator_ManagesItsGroupAndEveryGroupBelow()
    {
        var reach = ReachOf(new GroupRole(West, RoleCatalog.Administrator));

        Assert.True(reach.CanManageGroup(West));
        Assert.True(reach.CanManageGroup(Seattle));
        Assert.True(reach.CanManageGroup(Portland));
        Assert.Equal(new HashSet<Guid> { West, Seattle, Portland }, reach.ManageableGroups.ToHashSet());
    }

    [Fact]
    public void Administrator_DoesNotManageTheParentOrSiblingBranches()
    {
        var reach = ReachOf(new GroupRole(West, RoleCatalog.Administrator));

        Assert.False(reach.CanManageGroup(Root));
        Assert.False(reach.CanManageGroup(East));
        Assert.False(reach.CanManageGroup(Boston));
    }

    [Fact]
    public void Administrator_ReadsItsGroupAndEveryGroupBelow()
    {
        var reach = ReachOf(new GroupRole(West, RoleCatalog.Administrator));

        Assert.Equal(new HashSet<Guid> { West, Seattle, Portland }, reach.ReadableGroups.ToHashSet());
    }

    [Fact]
    public void Coach_ReadsItsGroupAndEveryGroupBelow()
    {
        var reach = ReachOf(new GroupRole(East, RoleCatalog.Coach));

        Assert.Equal(new HashSet<Guid> { East, Boston }, reach.ReadableGroups.ToHashSet());
        Assert.True(reach.CanReadUser([new GroupRole(Boston, RoleCatalog.Driver)]));
        Assert.False(reach.CanReadUser([new GroupRole(Root, RoleCatalog.Driver)]));
    }

    [Fact]
    public void GroupManager_ManagesTheTreeBelowItsGroup_ButNoUsers()
    {
        var reach = ReachOf(new GroupRole(West, RoleCatalog.GroupManager));

        Assert.True(reach.CanManageGroupTree(West));
        Assert.True(reach.CanManageGroupTree(Seattle));
        Assert.False(reach.CanManageGroupTree(Root));
        Assert.False(reach.CanManageGroupTree(East));
        Assert.Empty(reach.ManageableGroups);
    }

    [Fact]
    public void Administrator_DoesNotManageTheGroupTree()
    {
        var reach = ReachOf(new GroupRole(Root, RoleCatalog.Administrator));

        Assert.All(AllGroups, g => Assert.False(reach.CanManageGroupTree(g)));
    }

    [Fact]
    public void Coach_ManagesNothing()
    {
        var reach = ReachOf(new GroupRole(Root, RoleCatalog.Coach));

        Assert.Empty(reach.ManageableGroups);
        Assert.All(AllGroups, g => Assert.False(reach.CanManageGroup(g)));
    }

    [Theory]
    [InlineData(RoleCatalog.Driver)]
    [InlineData(RoleCatalog.VideoReviewer)]
    [InlineData(RoleCatalog.VideoReviewerPlus)]
    [InlineData(RoleCatalog.GroupManager)]
    public void NonAdministrativeRole_GrantsNeitherReadingNorManaging(int roleId)
    {
        var reach = ReachOf(new GroupRole(Root, roleId));

        Assert.Empty(reach.ReadableGroups);
        Assert.Empty(reach.ManageableGroups);
        Assert.False(reach.ReadsWholeCompany);
        Assert.False(reach.CanReadUser([new GroupRole(Seattle, RoleCatalog.Driver)]));
    }

    [Theory]
    [InlineData(RoleCatalog.Administrator)]
    [InlineData(RoleCatalog.Coach)]
    public void ReadsWholeCompany_WithAdministratorOrCoachAtRoot_IsTrue(int roleId)
    {
        Assert.True(ReachOf(new GroupRole(Root, roleId)).ReadsWholeCompany);
    }

    [Fact]
    public void ReadsWholeCompany_WithAdministratorBelowTheRoot_IsFalse()
    {
        var reach = ReachOf(new GroupRole(West, RoleCatalog.Administrator), new GroupRole(East, RoleCatalog.Administrator));

        Assert.False(reach.ReadsWholeCompany);
    }

    [Fact]
    public void ReadsWholeCompany_WithDriverAtRootAndCoachBelow_IsFalse()
    {
        var reach = ReachOf(new GroupRole(Root, RoleCatalog.Driver), new GroupRole(West, RoleCatalog.Coach));

        Assert.False(reach.ReadsWholeCompany);
    }

    [Fact]
    public void ReadsWholeCompany_WithNoRoles_IsFalse()
    {
        Assert.False(ReachOf().ReadsWholeCompany);
    }

    [Fact]
    public void CanManageAll_WhenEveryGroupIsManaged_IsTrue()
    {
        var reach = ReachOf(new GroupRole(West, RoleCatalog.Administrator));

        Assert.True(reach.CanManageAll([West, Seattle, Portland]));
    }

    [Fact]
    public void CanManageAll_WhenOneGroupIsOutsideReach_IsFalse()
    {
        var reach = ReachOf(new GroupRole(West, RoleCatalog.Administrator));

        Assert.False(reach.CanManageAll([Seattle, Boston]));
    }

    [Fact]
    public void CanManageAll_WhenOneGroupIsOnlyCoached_IsFalse()
    {
        var reach = ReachOf(new GroupRole(West, RoleCatalog.Administrator), new GroupRole(East, RoleCatalog.Coach));

        Assert.False(reach.CanManageAll([Seattle, Boston]));
    }

    [Fact]
    public void CanManageAll_CombinesAdministratorRolesOfSeveralGroups()
    {
        var reach = ReachOf(new GroupRole(West, RoleCatalog.Administrator), new GroupRole(East, RoleCatalog.Administrator));

        Assert.True(reach.CanManageAll([Seattle, Boston, East]));
        Assert.False(reach.CanManageAll([Seattle, Root]));
    }

    [Fact]
    public void CanManageAll_UnknownGroup_IsFalse()
    {
        var reach = ReachOf(new GroupRole(Root, RoleCatalog.Administrator));

        Assert.False(reach.CanManageAll([West, Unknown]));
    }

    [Fact]
    public void CanReadUser_WhenAnyOfTheUsersGroupsIsReadable_IsTrue()
    {
        var reach = ReachOf(new GroupRole(West, RoleCatalog.Coach));

        Assert.True(reach.CanReadUser([new GroupRole(Boston, RoleCatalog.Driver), new GroupRole(Portland, RoleCatalog.Driver)]));
    }

    [Fact]
    public void CanReadUser_WhenNoneOfTheUsersGroupsIsReadable_IsFalse()
    {
        var reach = ReachOf(new GroupRole(West, RoleCatalog.Coach));

        Assert.False(reach.CanReadUser([new GroupRole(Boston, RoleCatalog.Driver), new GroupRole(Root, RoleCatalog.Administrator)]));
    }

    [Fact]
    public void CanReadUser_WithoutGroupRoles_IsFalse()
    {
        var reach = ReachOf(new GroupRole(Root, RoleCatalog.Administrator));

        Assert.False(reach.CanReadUser([]));
    }

    [Fact]
    public void VisibleGroups_AreTheSubtreesOfEveryRole()
    {
        var reach = ReachOf(new GroupRole(West, RoleCatalog.Driver), new GroupRole(Boston, RoleCatalog.VideoReviewer));

        Assert.Equal(new HashSet<Guid> { West, Seattle, Portland, Boston }, reach.VisibleGroups.ToHashSet());
    }

    [Fact]
    public void VisibleGroups_IncludeAdministrativeRoles()
    {
        var reach = ReachOf(new GroupRole(East, RoleCatalog.Administrator), new GroupRole(Seattle, RoleCatalog.Coach));

        Assert.Equal(new HashSet<Guid> { East, Boston, Seattle }, reach.VisibleGroups.ToHashSet());
    }

    [Fact]
    public void RoleInUnknownGroup_GrantsNothing()
    {
        var reach = ReachOf(new GroupRole(Unknown, RoleCatalog.Administrator));

        Assert.Empty(reach.ManageableGroups);
        Assert.Empty(reach.ReadableGroups);
        Assert.Empty(reach.VisibleGroups);
        Assert.False(reach.CanManageGroup(Unknown));
    }
}

public sealed class CallerTests
{
    [Fact]
    public void AUser_IsNamedByItsUsername_AndHasAUserId()
    {
        var id = Guid.NewGuid();
        var caller = Caller.User(id, "j.smith", CompanyId, []);

        Assert.Equal((ActorKind.User, "user", id, "j.smith", (Guid?)id), (caller.ActorKind, caller.ActorType, caller.ActorId, caller.ActorName, caller.UserId));
    }

    [Fact]
    public void AClient_IsNamedByItsName_AndIsNoUser()
    {
        var id = Guid.NewGuid();
        var caller = Caller.Client(id, "Payroll sync", CompanyId, []);

        Assert.Equal((ActorKind.Client, "client", id, "Payroll sync", (Guid?)null), (caller.ActorKind, caller.ActorType, caller.ActorId, caller.ActorName, caller.UserId));
    }

    [Fact]
    public void AClient_ReachesTheTreeLikeAUserWithTheSameRoles()
    {
        GroupRole[] roles = [new(West, RoleCatalog.Administrator)];

        var asClient = Reach.Of(Caller.Client(Guid.NewGuid(), "sync", CompanyId, roles), Build());
        var asUser = Reach.Of(Caller.User(Guid.NewGuid(), "admin", CompanyId, roles), Build());

        Assert.Equal(asUser.ManageableGroups.Order(), asClient.ManageableGroups.Order());
        Assert.Equal(asUser.VisibleGroups.Order(), asClient.VisibleGroups.Order());
    }
}
