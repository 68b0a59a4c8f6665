using FleetUsers.Domain.Users;

namespace FleetUsers.Domain.Tests.Users;

public sealed class UserStatusTests
{
    [Theory]
    [InlineData("Active", "Active")]
    [InlineData("active", "Active")]
    [InlineData("ACTIVE", "Active")]
    [InlineData("aCtIvE", "Active")]
    [InlineData("Inactive", "Inactive")]
    [InlineData("inactive", "Inactive")]
    [InlineData("INACTIVE", "Inactive")]
    public void Canonical_AnyCase_GivesTheCanonicalSpelling(string value, string expected)
    {
        Assert.Equal(expected, UserStatus.Canonical(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Enabled")]
    [InlineData("Deleted")]
    [InlineData("Act ive")]
    [InlineData("Activ")]
    public void Canonical_UnknownStatus_IsNull(string value)
    {
        Assert.Null(UserStatus.Canonical(value));
    }
}
