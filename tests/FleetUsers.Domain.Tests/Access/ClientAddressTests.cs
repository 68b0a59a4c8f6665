using System.Net;
using FleetUsers.Domain.Access;

namespace FleetUsers.Domain.Tests.Access;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::1", "::/64")]
    public void ThrottleKey_CountsIpv4AddressesWhole_AndIpv6AddressesByTheirSlash64(string address, string expected) =>
        Assert.Equal(expected, ClientAddress.ThrottleKey(IPAddress.Parse(address)));

    [Fact]
    public void ThrottleKey_IgnoresTheScopeOfALinkLocalAddress() =>
        Assert.Equal(ClientAddress.ThrottleKey(IPAddress.Parse("fe80::1%2")), ClientAddress.ThrottleKey(IPAddress.Parse("fe80::2%3")));

    [Fact]
    public void ThrottleKey_WithoutAnAddress_IsUnknown() =>
        Assert.Equal("unknown", ClientAddress.ThrottleKey(null));
}
