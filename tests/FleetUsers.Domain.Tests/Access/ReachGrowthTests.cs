using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using static FleetUsers.Domain.Tests.Support.SampleTree;

namespace FleetUsers.Domain.Tests.Access;

/// <summary>Acme → {West → {Seattle, Portland}, East → Boston}.</summary>
public sealed class ReachGrowthTests
{
    private readonly GroupTree _tree = Build();

    [Fact]
    public void ByMove_UnderAGroupWhereTheCallerHoldsARoleItDidNotHoldOverTheGroup_Grows()
    {
        // Group Manager of West, Administrator of West\Seattle: Portland under Seattle.
        GroupRole[] roles = [new(West, RoleCatalog.GroupManager), new(Seattle, RoleCatalog.Administrator)];

        Assert.True(ReachGrowth.ByMove(roles, _tree, Portland, Seattle));
    }

    [Fact]
    public void ByMove_WhenTheRoleIsHeldAboveBothPlaces_DoesNotGrow()
    {
        GroupRole[] roles = [new(West, RoleCatalog.GroupManager), new(West, RoleCatalog.Administrator), new(Seattle, RoleCatalog.Administrator)];

        Assert.False(ReachGrowth.ByMove(roles, _tree, Portland, Seattle));
    }

    [Fact]
    public void ByMove_OfTheGroupWhereTheRoleIsHeld_DoesNotGrow()
    {
        GroupRole[] roles = [new(Root, RoleCatalog.GroupManager), new(West, RoleCatalog.Coach)];

        Assert.False(ReachGrowth.ByMove(roles, _tree, West, Boston));
    }

    [Theory]
    [InlineData(RoleCatalog.Coach)]
    [InlineData(RoleCatalog.Driver)]
    [InlineData(RoleCatalog.VideoReviewer)]
    public void ByMove_CountsEveryRole(int role)
    {
        GroupRole[] roles = [new(Root, RoleCatalog.GroupManager), new(East, role)];

        Assert.True(ReachGrowth.ByMove(roles, _tree, Seattle, Boston));
        Assert.False(ReachGrowth.ByMove(roles, _tree, Boston, Seattle));
    }

    [Fact]
    public void ByRoles_ANewRoleWhereTheSameRoleIsHeldAbove_DoesNotGrow_ButAnotherRoleThere_Does()
    {
        GroupRole[] before = [new(West, RoleCatalog.Administrator)];

        Assert.False(ReachGrowth.ByRoles(_tree, before, [.. before, new(Seattle, RoleCatalog.Administrator)]));
        Assert.True(ReachGrowth.ByRoles(_tree, before, [.. before, new(West, RoleCatalog.GroupManager)]));
        Assert.True(ReachGrowth.ByRoles(_tree, before, [.. before, new(Seattle, RoleCatalog.Coach)]));
        Assert.True(ReachGrowth.ByRoles(_tree, before, [new(Root, RoleCatalog.Administrator)]));
    }

    [Fact]
    public void ByRoles_DroppingOrMovingARoleDown_DoesNotGrow()
    {
        GroupRole[] before = [new(West, RoleCatalog.Administrator), new(West, RoleCatalog.Coach)];

        Assert.False(ReachGrowth.ByRoles(_tree, before, [new(Portland, RoleCatalog.Coach)]));
    }
}
