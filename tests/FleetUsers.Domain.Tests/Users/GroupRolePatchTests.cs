using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;
using static FleetUsers.Domain.Tests.Support.SampleTree;

namespace FleetUsers.Domain.Tests.Users;

public sealed class GroupRolePatchTests
{
    private static readonly GroupRole WestDriver = new(West, RoleCatalog.Driver);
    private static readonly GroupRole EastCoach = new(East, RoleCatalog.Coach);
    private static readonly GroupRole BostonReviewer = new(Boston, RoleCatalog.VideoReviewer);

    private static GroupRoleChange Add(int index, GroupRole role) => new(index, GroupRoleChangeKind.Add, role);

    private static GroupRoleChange Remove(int index, GroupRole role) => new(index, GroupRoleChangeKind.Remove, role);

    private static (IReadOnlyList<GroupRole>? Roles, IReadOnlyList<string> Problems) Apply(
        IReadOnlyList<GroupRole> current, bool allowVideoSearchDownload, params GroupRoleChange[] changes) =>
        GroupRolePatch.Apply(current, changes, allowVideoSearchDownload, Build());

    [Fact]
    public void Apply_Add_AppendsTheRole()
    {
        var (roles, problems) = Apply([WestDriver], false, Add(0, EastCoach));

        Assert.Empty(problems);
        Assert.Equal([WestDriver, EastCoach], roles);
    }

    [Fact]
    public void Apply_Remove_TakesTheRoleAway()
    {
        var (roles, problems) = Apply([WestDriver, EastCoach], false, Remove(0, EastCoach));

        Assert.Empty(problems);
        Assert.Equal([WestDriver], roles);
    }

    [Fact]
    public void Apply_SeveralOperations_AreAppliedInOrder()
    {
        var (roles, problems) = Apply([WestDriver], false, Add(0, EastCoach), Remove(1, WestDriver), Add(2, BostonReviewer));

        Assert.Empty(problems);
        Assert.Equal([EastCoach, BostonReviewer], roles);
    }

    [Fact]
    public void Apply_RemoveThenAddTheSameRole_IsAccepted()
    {
        var (roles, problems) = Apply([WestDriver], false, Remove(0, WestDriver), Add(1, WestDriver));

        Assert.Empty(problems);
        Assert.Equal([WestDriver], roles);
    }

    [Fact]
    public void Apply_AddOfRoleTheUserHas_IsRefused()
    {
        var (roles, problems) = Apply([WestDriver], false, Add(0, WestDriver));

        Assert.Null(roles);
        var problem = Assert.Single(problems);
        Assert.StartsWith("[0].value", problem, StringComparison.Ordinal);
        Assert.Contains("already", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SameRoleAddedTwice_RefusesTheSecondAdd()
    {
        var (roles, problems) = Apply([WestDriver], false, Add(0, EastCoach), Add(1, EastCoach));

        Assert.Null(roles);
        Assert.StartsWith("[1].value", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RemoveOfRoleTheUserLacks_IsRefused()
    {
        var (roles, problems) = Apply([WestDriver], false, Add(0, EastCoach), Remove(1, BostonReviewer));

        Assert.Null(roles);
        var problem = Assert.Single(problems);
        Assert.StartsWith("[1].path", problem, StringComparison.Ordinal);
        Assert.Contains(Boston.ToString(), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SameRoleRemovedTwice_RefusesTheSecondRemove()
    {
        var (roles, problems) = Apply([WestDriver, EastCoach], false, Remove(0, EastCoach), Remove(1, EastCoach));

        Assert.Null(roles);
        Assert.StartsWith("[1].path", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RemoveOfSameGroupButOtherRole_IsRefused()
    {
        var (roles, _) = Apply([WestDriver, EastCoach], false, Remove(0, new GroupRole(West, RoleCatalog.Coach)));

        Assert.Null(roles);
    }

    [Fact]
    public void Apply_WithAnyProblem_ReturnsNoRolesAndLeavesTheCurrentOnesAlone()
    {
        var current = new List<GroupRole> { WestDriver, EastCoach };

        var (roles, problems) = Apply(current, false, Add(0, BostonReviewer), Remove(1, EastCoach), Remove(2, new GroupRole(Root, RoleCatalog.Administrator)));

        Assert.Null(roles);
        Assert.Single(problems);
        Assert.Equal([WestDriver, EastCoach], current);
    }

    [Fact]
    public void Apply_EveryProblem_IsReportedAtOnce()
    {
        var (roles, problems) = Apply([WestDriver], false,
            Add(0, WestDriver), Remove(1, EastCoach), Add(2, new GroupRole(Unknown, RoleCatalog.Driver)), Add(3, new GroupRole(East, 99)));

        Assert.Null(roles);
        Assert.Equal(4, problems.Count);
        Assert.StartsWith("[0]", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("[1]", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("[2]", problems[2], StringComparison.Ordinal);
        Assert.StartsWith("[3]", problems[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RemovingTheLastRole_IsRefused()
    {
        var (roles, problems) = Apply([WestDriver], false, Remove(0, WestDriver));

        Assert.Null(roles);
        Assert.StartsWith("groupRoles", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RemovingEveryRole_IsRefused()
    {
        var (roles, problems) = Apply([WestDriver, EastCoach], false, Remove(0, WestDriver), Remove(1, EastCoach));

        Assert.Null(roles);
        Assert.Contains(problems, p => p.StartsWith("groupRoles", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_RemovingTheLastRoleWhileAddingAnother_IsAccepted()
    {
        var (roles, problems) = Apply([WestDriver], false, Remove(0, WestDriver), Add(1, EastCoach));

        Assert.Empty(problems);
        Assert.Equal([EastCoach], roles);
    }

    [Fact]
    public void Apply_WithVideoDownload_RemovingTheOnlyReviewerRole_IsRefused()
    {
        var (roles, problems) = Apply([WestDriver, BostonReviewer], true, Remove(0, BostonReviewer));

        Assert.Null(roles);
        Assert.StartsWith("allowVideoSearchDownload", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_WithVideoDownload_RemovingEveryRole_ReportsOnlyTheEmptyList()
    {
        var (roles, problems) = Apply([BostonReviewer], true, Remove(0, BostonReviewer));

        Assert.Null(roles);
        Assert.StartsWith("groupRoles", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_WithoutVideoDownload_RemovingTheReviewerRole_IsAccepted()
    {
        var (roles, problems) = Apply([WestDriver, BostonReviewer], false, Remove(0, BostonReviewer));

        Assert.Empty(problems);
        Assert.Equal([WestDriver], roles);
    }

    [Fact]
    public void Apply_WithVideoDownload_ReplacingReviewerByReviewerPlus_IsAccepted()
    {
        var plus = new GroupRole(Boston, RoleCatalog.VideoReviewerPlus);

        var (roles, problems) = Apply([WestDriver, BostonReviewer], true, Remove(0, BostonReviewer), Add(1, plus));

        Assert.Empty(problems);
        Assert.Equal([WestDriver, plus], roles);
    }

    [Fact]
    public void Apply_WithVideoDownload_KeepingAnotherReviewerRole_IsAccepted()
    {
        var westReviewer = new GroupRole(West, RoleCatalog.VideoReviewer);

        var (roles, problems) = Apply([westReviewer, BostonReviewer], true, Remove(0, BostonReviewer));

        Assert.Empty(problems);
        Assert.Equal([westReviewer], roles);
    }

    [Fact]
    public void Apply_AddInUnknownGroup_IsRefused()
    {
        var (roles, problems) = Apply([WestDriver], false, Add(0, new GroupRole(Unknown, RoleCatalog.Driver)));

        Assert.Null(roles);
        var problem = Assert.Single(problems);
        Assert.StartsWith("[0].value.groupId", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Apply_AddOfRoleOutsideTheCatalogue_IsRefused(int roleId)
    {
        var (roles, problems) = Apply([WestDriver], false, Add(0, new GroupRole(East, roleId)));

        Assert.Null(roles);
        Assert.StartsWith("[0].value.roleId", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AddInUnknownGroupWithUnknownRole_ReportsBoth()
    {
        var (roles, problems) = Apply([WestDriver], false, Add(0, new GroupRole(Unknown, 0)));

        Assert.Null(roles);
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Apply_NoOperations_IsRefused()
    {
        var (roles, problems) = Apply([WestDriver], false);

        Assert.Null(roles);
        Assert.Single(problems);
    }
}
