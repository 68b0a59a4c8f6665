using FleetUsers.Domain.Groups;
using static FleetUsers.Domain.Tests.Support.SampleTree;

namespace FleetUsers.Domain.Tests.Groups;

public sealed class GroupLimitsTests
{
    [Fact]
    public void DepthProblem_CountsTheSubtreeBelowTheGroup()
    {
        var chain = Chain(12); // levels 1 (the root) to 12
        var tree = new GroupTree(chain);

        Assert.Null(GroupLimits.DepthProblem(tree, chain[^1].Id, 1));
        Assert.StartsWith(GroupLimits.DepthExceeded, GroupLimits.DepthProblem(tree, chain[^1].Id, 2), StringComparison.Ordinal);
        Assert.Null(GroupLimits.DepthProblem(tree, chain[^2].Id, 2));
    }

    [Fact]
    public void Height_IsTheNumberOfLevelsOfTheSubtree()
    {
        var tree = Build();

        Assert.Equal(3, tree.Height(Root));
        Assert.Equal(2, tree.Height(West));
        Assert.Equal(1, tree.Height(Seattle));
    }

    [Fact]
    public void CountProblem_AllowsUpToTheBound()
    {
        Assert.Null(GroupLimits.CountProblem(9, 1, 10));
        Assert.NotNull(GroupLimits.CountProblem(10, 1, 10));
        Assert.NotNull(GroupLimits.CountProblem(5, 6, 10));
    }

    private static List<Group> Chain(int levels)
    {
        var groups = new List<Group> { NewGroup(Root, null, "Acme") };
        for (var level = 2; level <= levels; level++)
        {
            groups.Add(NewGroup(Guid.NewGuid(), groups[^1].Id, $"Level {level}"));
        }
        return groups;
    }
}
