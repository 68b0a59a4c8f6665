using FleetUsers.Domain.Groups;
using static FleetUsers.Domain.Tests.Support.SampleTree;

namespace FleetUsers.Domain.Tests.Groups;

public sealed class GroupTreeTests
{
    private readonly GroupTree _tree = Build();

    [Fact]
    public void Level_OfRoot_IsOne()
    {
        Assert.Equal(1, _tree.Level(Root));
    }

    [Fact]
    public void Level_OfChildOfRoot_IsTwo()
    {
        Assert.Equal(2, _tree.Level(West));
        Assert.Equal(2, _tree.Level(East));
    }

    [Fact]
    public void Level_OfGrandchild_IsThree()
    {
        Assert.Equal(3, _tree.Level(Seattle));
        Assert.Equal(3, _tree.Level(Boston));
    }

    [Fact]
    public void Level_AskedTwice_GivesTheSameAnswer()
    {
        var first = _tree.Level(Portland);

        Assert.Equal(first, _tree.Level(Portland));
        Assert.Equal(3, first);
    }

    [Fact]
    public void Level_WhenChildrenAreListedBeforeTheirParents_IsStillTheDepth()
    {
        var leaf = Guid.NewGuid();
        var middle = Guid.NewGuid();
        var root = Guid.NewGuid();
        var tree = new GroupTree(
        [
            NewGroup(leaf, middle, "Leaf"),
            NewGroup(middle, root, "Middle"),
            NewGroup(root, null, "Root"),
        ]);

        Assert.Equal(3, tree.Level(leaf));
        Assert.Equal(2, tree.Level(middle));
        Assert.Equal(1, tree.Level(root));
    }

    [Fact]
    public void Level_OfUnknownGroup_IsZero()
    {
        Assert.Equal(0, _tree.Level(Unknown));
    }

    [Fact]
    public void FullPath_OfRoot_IsItsName()
    {
        Assert.Equal("Acme", _tree.FullPath(Root));
    }

    [Fact]
    public void FullPath_OfNestedGroup_JoinsNamesFromTheRootWithBackslashes()
    {
        Assert.Equal(@"Acme\West\Seattle", _tree.FullPath(Seattle));
        Assert.Equal(@"Acme\East", _tree.FullPath(East));
    }

    [Fact]
    public void FullPathId_OfRoot_IsItsId()
    {
        Assert.Equal(Root.ToString(), _tree.FullPathId(Root));
    }

    [Fact]
    public void FullPathId_OfNestedGroup_JoinsIdsFromTheRootWithBackslashes()
    {
        Assert.Equal($@"{Root}\{West}\{Portland}", _tree.FullPathId(Portland));
    }

    [Fact]
    public void FullPathId_UsesLowerCaseHyphenatedGuids()
    {
        Assert.Matches(@"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\\[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})*$",
            _tree.FullPathId(Boston));
    }

    [Fact]
    public void IsWithin_SameGroup_IsTrue()
    {
        Assert.True(_tree.IsWithin(West, West));
    }

    [Fact]
    public void IsWithin_DescendantOfAncestor_IsTrue()
    {
        Assert.True(_tree.IsWithin(Seattle, West));
        Assert.True(_tree.IsWithin(Seattle, Root));
    }

    [Fact]
    public void IsWithin_AncestorOfDescendant_IsFalse()
    {
        Assert.False(_tree.IsWithin(West, Seattle));
        Assert.False(_tree.IsWithin(Root, West));
    }

    [Fact]
    public void IsWithin_GroupInSiblingBranch_IsFalse()
    {
        Assert.False(_tree.IsWithin(Boston, West));
        Assert.False(_tree.IsWithin(Portland, Seattle));
    }

    [Fact]
    public void IsWithin_UnknownGroup_IsFalse()
    {
        Assert.False(_tree.IsWithin(Unknown, Root));
        Assert.False(_tree.IsWithin(Seattle, Unknown));
    }

    [Fact]
    public void Subtree_OfInnerGroup_HoldsTheGroupAndEveryGroupBelowIt()
    {
        var ids = _tree.Subtree(West).Select(g => g.Id).ToHashSet();

        Assert.Equal(new HashSet<Guid> { West, Seattle, Portland }, ids);
    }

    [Fact]
    public void Subtree_OfRoot_HoldsEveryGroup()
    {
        var ids = _tree.Subtree(Root).Select(g => g.Id).ToList();

        Assert.Equal(6, ids.Count);
        Assert.Equal(new HashSet<Guid> { Root, West, East, Seattle, Portland, Boston }, ids.ToHashSet());
    }

    [Fact]
    public void Subtree_OfLeaf_IsOnlyTheLeaf()
    {
        var group = Assert.Single(_tree.Subtree(Boston));

        Assert.Equal(Boston, group.Id);
    }

    [Fact]
    public void Subtree_OfUnknownGroup_IsEmpty()
    {
        Assert.Empty(_tree.Subtree(Unknown));
    }

    [Fact]
    public void Ancestry_GoesFromTheGroupUpToTheRoot()
    {
        var ids = _tree.Ancestry(Seattle).Select(g => g.Id).ToList();

        Assert.Equal([Seattle, West, Root], ids);
    }

    [Fact]
    public void Ancestry_OfRoot_IsOnlyTheRoot()
    {
        Assert.Equal(Root, Assert.Single(_tree.Ancestry(Root)).Id);
    }

    [Fact]
    public void Ancestry_OfUnknownGroup_IsEmpty()
    {
        Assert.Empty(_tree.Ancestry(Unknown));
    }

    [Fact]
    public void Root_IsTheGroupWithoutParent()
    {
        Assert.NotNull(_tree.Root);
        Assert.Equal(Root, _tree.Root.Id);
    }

    [Fact]
    public void Root_OfEmptyTree_IsNull()
    {
        Assert.Null(new GroupTree([]).Root);
    }

    [Fact]
    public void Children_AreTheDirectChildrenOnly()
    {
        var ids = _tree.Children(Root).Select(g => g.Id).ToHashSet();

        Assert.Equal(new HashSet<Guid> { West, East }, ids);
    }

    [Fact]
    public void Children_OfLeaf_AreNone()
    {
        Assert.Empty(_tree.Children(Seattle));
    }

    [Fact]
    public void Contains_KnownAndUnknownGroups()
    {
        Assert.True(_tree.Contains(Boston));
        Assert.False(_tree.Contains(Unknown));
        Assert.Equal(6, _tree.Count);
    }

    [Fact]
    public void Find_UnknownGroup_IsNull()
    {
        Assert.Null(_tree.Find(Unknown));
        Assert.Equal("East", _tree.Find(East)?.Name);
    }

    [Fact]
    public void Get_UnknownGroup_Throws()
    {
        Assert.Throws<KeyNotFoundException>(() => _tree.Get(Unknown));
        Assert.Equal("Portland", _tree.Get(Portland).Name);
    }
}
