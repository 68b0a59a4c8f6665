using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Domain.Tests.Audit;

public sealed class UserChangesTests
{
    private static readonly Guid West = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid East = Guid.Parse("22222222-2222-2222-2222-222222222222");

    private static readonly UserProfile John = new()
    {
        FirstName = "John",
        LastName = "Smith",
        Username = "j.smith",
        EmployeeId = "E-1",
        Email = null,
        CellPhoneCountry = "US",
        CellPhoneNumber = "+1234567890",
        Status = "Active",
        LoginEnabled = true,
        AllowVideoSearchDownload = false,
        GroupRoles = [new GroupRole(West, 4), new GroupRole(East, 3)],
        PrimaryGroupId = West,
    };

    [Fact]
    public void Between_TheSameUser_FindsNoChange() =>
        Assert.Empty(UserChanges.Between(John, John with { GroupRoles = [new GroupRole(East, 3), new GroupRole(West, 4)] }, passwordChanged: false));

    [Fact]
    public void Between_ChangedFields_NamesEachWithItsOldAndNewValue()
    {
        var changes = UserChanges.Between(John, John with { Email = "j@example.com", LoginEnabled = false, PrimaryGroupId = null }, false);

        Assert.Equal(["email", "loginEnabled", "primaryGroupId"], changes.Select(c => c.Field));
        Assert.Equal((null, "\"j@example.com\""), (changes[0].OldValue?.ToJsonString(), changes[0].NewValue?.ToJsonString()));
        Assert.Equal(("true", "false"), (changes[1].OldValue!.ToJsonString(), changes[1].NewValue!.ToJsonString()));
        Assert.Equal(($"\"{West}\"", null), (changes[2].OldValue!.ToJsonString(), changes[2].NewValue?.ToJsonString()));
    }

    [Fact]
    public void Between_ANewUser_NamesEveryFieldThatIsSet()
    {
        var changes = UserChanges.Between(null, John with { Email = null }, passwordChanged: true);

        Assert.DoesNotContain(changes, c => c.Field == "email");
        Assert.All(changes, c => Assert.Null(c.OldValue));
        Assert.Equal(13 - 1, changes.Count);
    }

    [Fact]
    public void Between_APasswordChange_ShowsOnlyThatItChanged()
    {
        var change = Assert.Single(UserChanges.Between(John, John, passwordChanged: true));

        Assert.Equal("password", change.Field);
        Assert.Null(change.OldValue);
        Assert.Equal("\"changed\"", change.NewValue!.ToJsonString());
    }

    [Fact]
    public void Between_GroupRoles_AreListedInAStableOrder()
    {
        var change = Assert.Single(UserChanges.Between(John, John with { GroupRoles = [new GroupRole(East, 3)] }, false));

        Assert.Equal($$"""[{"groupId":"{{West}}","roleId":4},{"groupId":"{{East}}","roleId":3}]""", change.OldValue!.ToJsonString());
        Assert.Equal($$"""[{"groupId":"{{East}}","roleId":3}]""", change.NewValue!.ToJsonString());
    }
}
