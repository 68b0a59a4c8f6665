using FleetUsers.Domain.Roles;

namespace FleetUsers.Domain.Tests.Roles;

public sealed class RoleCatalogTests
{
    [Theory]
    [InlineData(RoleCatalog.Administrator, "Administrator")]
    [InlineData(RoleCatalog.GroupManager, "Group Manager")]
    [InlineData(RoleCatalog.Coach, "Coach")]
    [InlineData(RoleCatalog.Driver, "Driver")]
    [InlineData(RoleCatalog.VideoReviewer, "Video Reviewer")]
    [InlineData(RoleCatalog.VideoReviewerPlus, "Video Reviewer Plus")]
    public void All_HoldsEachContractRoleUnderItsName(int id, string name)
    {
        var role = Assert.Single(RoleCatalog.All, r => r.Id == id);

        Assert.Equal(name, role.Name);
        Assert.False(string.IsNullOrWhiteSpace(role.Description));
    }

    [Fact]
    public void PublishedIds_NeverChange()
    {
        // Ids are published to clients (the seed's groupRoles use roleId 4 for a driver).
        Assert.Equal(1, RoleCatalog.Administrator);
        Assert.Equal(2, RoleCatalog.GroupManager);
        Assert.Equal(3, RoleCatalog.Coach);
        Assert.Equal(4, RoleCatalog.Driver);
        Assert.Equal(5, RoleCatalog.VideoReviewer);
        Assert.Equal(6, RoleCatalog.VideoReviewerPlus);
    }

    [Fact]
    public void All_HasUniqueIds()
    {
        Assert.Equal(RoleCatalog.All.Count, RoleCatalog.All.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void Contains_EveryCatalogueRole()
    {
        Assert.All(RoleCatalog.All, r => Assert.True(RoleCatalog.Contains(r.Id)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(7)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Contains_IdOutsideTheCatalogue_IsFalse(int roleId)
    {
        Assert.False(RoleCatalog.Contains(roleId));
        Assert.DoesNotContain(RoleCatalog.All, r => r.Id == roleId);
    }

    [Theory]
    [InlineData(RoleCatalog.VideoReviewer, true)]
    [InlineData(RoleCatalog.VideoReviewerPlus, true)]
    [InlineData(RoleCatalog.Administrator, false)]
    [InlineData(RoleCatalog.GroupManager, false)]
    [InlineData(RoleCatalog.Coach, false)]
    [InlineData(RoleCatalog.Driver, false)]
    public void AllowsVideoDownload_OnlyForReviewers(int roleId, bool expected)
    {
        Assert.Equal(expected, RoleCatalog.AllowsVideoDownload(roleId));
    }
}
