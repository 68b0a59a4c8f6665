using FleetUsers.Domain.Groups;
using static FleetUsers.Domain.Tests.Support.SampleTree;

namespace FleetUsers.Domain.Tests.Groups;

public sealed class TreeOrderTests
{
    [Fact]
    public void Order_PutsEachGroupBeforeTheGroupsBelowIt_SiblingsByNameIgnoringCase()
    {
        var tree = Build();

        var names = tree.Groups.Order(new TreeOrder(tree)).Select(g => g.Name);

        Assert.Equal(["Acme", "East", "Boston", "West", "Portland", "Seattle"], names);
    }

    [Fact]
    public void Order_ComparesNameByName_NotTheJoinedPath()
    {
        // Joined, "Acme\West Coast" < "Acme\West\Zed" (a space is below a backslash); in tree order West's subtree comes first.
        Guid westCoast = Guid.NewGuid(), zed = Guid.NewGuid(), west = Guid.NewGuid();
        var tree = new GroupTree([NewGroup(Root, null, "Acme"), NewGroup(westCoast, Root, "West Coast"), NewGroup(west, Root, "west"), NewGroup(zed, west, "Zed")]);

        Assert.Equal([Root, west, zed, westCoast], tree.Groups.Order(new TreeOrder(tree)).Select(g => g.Id));
    }
}
