using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;
using static FleetUsers.Domain.Tests.Support.SampleTree;

namespace FleetUsers.Domain.Tests.Users;

public sealed class PrimaryGroupTests
{
    private static GroupRole Driver(Guid groupId) => new(groupId, RoleCatalog.Driver);

    [Fact]
    public void Resolve_WithStoredPrimaryGroup_ReturnsIt()
    {
        var primary = PrimaryGroup.Resolve(Seattle, [Driver(Root), Driver(Seattle)], Build());

        Assert.Equal(Seattle, primary);
    }

    [Fact]
    public void Resolve_WithoutStoredPrimaryGroup_ReturnsTheGroupClosestToTheRoot()
    {
        var primary = PrimaryGroup.Resolve(null, [Driver(Seattle), Driver(West), Driver(Boston)], Build());

        Assert.Equal(West, primary);
    }

    [Fact]
    public void Resolve_WithTheRootAmongTheGroups_ReturnsTheRoot()
    {
        var primary = PrimaryGroup.Resolve(null, [Driver(Boston), Driver(Root)], Build());

        Assert.Equal(Root, primary);
    }

    [Fact]
    public void Resolve_WithTiedLevels_ReturnsTheAlphabeticallyFirstName()
    {
        // West and East are both level 2.
        var primary = PrimaryGroup.Resolve(null, [Driver(West), Driver(East)], Build());

        Assert.Equal(East, primary);
    }

    [Fact]
    public void Resolve_WithTiedLevels_IgnoresTheOrderOfTheRoles()
    {
        var tree = Build();

        Assert.Equal(Portland, PrimaryGroup.Resolve(null, [Driver(Seattle), Driver(Portland)], tree));
        Assert.Equal(Portland, PrimaryGroup.Resolve(null, [Driver(Portland), Driver(Seattle)], tree));
    }

    [Fact]
    public void Resolve_WithTiedLevels_ComparesNamesIgnoringCase()
    {
        var root = Guid.NewGuid();
        var apple = Guid.NewGuid();
        var banana = Guid.NewGuid();
        var tree = new GroupTree(
        [
            NewGroup(root, null, "Root"),
            NewGroup(banana, root, "Banana"),
            NewGroup(apple, root, "apple"),
        ]);

        // Ordinally "Banana" < "apple"; alphabetically "apple" comes first.
        Assert.Equal(apple, PrimaryGroup.Resolve(null, [Driver(banana), Driver(apple)], tree));
    }

    [Fact]
    public void Resolve_LevelOutranksName()
    {
        var root = Guid.NewGuid();
        var zulu = Guid.NewGuid();
        var middle = Guid.NewGuid();
        var alpha = Guid.NewGuid();
        var tree = new GroupTree(
        [
            NewGroup(root, null, "Root"),
            NewGroup(zulu, root, "Zulu"),
            NewGroup(middle, root, "Middle"),
            NewGroup(alpha, middle, "Alpha"),
        ]);

        Assert.Equal(zulu, PrimaryGroup.Resolve(null, [Driver(alpha), Driver(zulu)], tree));
    }

    [Fact]
    public void Resolve_WithSeveralRolesInOneGroup_ReturnsThatGroup()
    {
        var primary = PrimaryGroup.Resolve(null, [new GroupRole(Boston, RoleCatalog.Coach), Driver(Boston)], Build());

        Assert.Equal(Boston, primary);
    }

    [Fact]
    public void Resolve_IgnoresGroupsOutsideTheTree()
    {
        var primary = PrimaryGroup.Resolve(null, [Driver(Unknown), Driver(Boston)], Build());

        Assert.Equal(Boston, primary);
    }

    [Fact]
    public void Resolve_WithoutGroupRolesOrStoredGroup_IsNull()
    {
        Assert.Null(PrimaryGroup.Resolve(null, [], Build()));
    }
}
