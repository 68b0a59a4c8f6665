using FleetUsers.Domain.Groups;
using static FleetUsers.Domain.Tests.Support.SampleTree;

namespace FleetUsers.Domain.Tests.Groups;

public sealed class GroupRulesTests
{
    private readonly GroupTree _tree = Build();

    [Fact]
    public void PlacementProblem_MovingBelowItsOwnDescendant_IsACycle()
    {
        Assert.Contains("cycle", GroupRules.PlacementProblem(_tree, _tree.Get(West), Seattle), StringComparison.Ordinal);
    }

    [Fact]
    public void PlacementProblem_MovingBelowItself_IsRefused()
    {
        Assert.NotNull(GroupRules.PlacementProblem(_tree, _tree.Get(West), West));
    }

    [Fact]
    public void PlacementProblem_TheRootKeepsNoParent_AndOthersKeepOne()
    {
        Assert.NotNull(GroupRules.PlacementProblem(_tree, _tree.Get(Root), West));
        Assert.Null(GroupRules.PlacementProblem(_tree, _tree.Get(Root), null));
        Assert.NotNull(GroupRules.PlacementProblem(_tree, _tree.Get(West), null));
    }

    [Fact]
    public void PlacementProblem_MovingToAnotherBranch_IsFine()
    {
        Assert.Null(GroupRules.PlacementProblem(_tree, _tree.Get(Seattle), East));
    }

    [Fact]
    public void NameTakenAmongSiblings_IgnoresLetterCase_AndTheGroupItself()
    {
        Assert.True(GroupRules.NameTakenAmongSiblings(_tree, Root, "WEST", null));
        Assert.False(GroupRules.NameTakenAmongSiblings(_tree, Root, "WEST", West));
        Assert.False(GroupRules.NameTakenAmongSiblings(_tree, East, "West", null));
    }

    [Fact]
    public void ChangedBy_ARename_ChangesTheWholeSubtree()
    {
        var changed = GroupRules.ChangedBy(_tree, _tree.Get(West), new ValidGroup("Pacific", null, Root));

        Assert.Equal(new[] { West, Seattle, Portland }.Order(), changed.Order());
    }

    [Fact]
    public void ChangedBy_AMove_ChangesTheWholeSubtree()
    {
        var changed = GroupRules.ChangedBy(_tree, _tree.Get(West), new ValidGroup("West", null, East));

        Assert.Equal(new[] { West, Seattle, Portland }.Order(), changed.Order());
    }

    [Fact]
    public void ChangedBy_ADescription_ChangesOnlyTheGroup_AndNoChangeNothing()
    {
        Assert.Equal([West], GroupRules.ChangedBy(_tree, _tree.Get(West), new ValidGroup("West", "Pacific", Root)));
        Assert.Empty(GroupRules.ChangedBy(_tree, _tree.Get(West), new ValidGroup("West", null, Root)));
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("a\\b", "name")]
    [InlineData("a\u0001", "name")]
    public void Check_RefusesBadNames(string name, string field)
    {
        var (group, problems) = GroupRules.Check(new GroupDraft { Name = name, ParentId = Root });

        Assert.Null(group);
        Assert.Contains(problems, p => p.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_TrimsTheName_AndTurnsAnEmptyDescriptionIntoNull()
    {
        var (group, _) = GroupRules.Check(new GroupDraft { Name = "  West ", Description = "  ", ParentId = Root });

        Assert.Equal(new ValidGroup("West", null, Root), group);
    }
}
