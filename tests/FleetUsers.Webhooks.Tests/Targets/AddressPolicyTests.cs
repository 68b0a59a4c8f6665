using System.Net;
using FleetUsers.Webhooks.Targets;

namespace FleetUsers.Webhooks.Tests.Targets;

public sealed class AddressPolicyTests
{
    public static TheoryData<string, AddressCategory> RefusedAddresses => new()
    {
        { "127.0.0.1", AddressCategory.Loopback },
        { "127.255.255.254", AddressCategory.Loopback },
        { "10.0.0.1", AddressCategory.Private },
        { "10.255.255.255", AddressCategory.Private },
        { "172.16.0.1", AddressCategory.Private },
        { "172.31.255.254", AddressCategory.Private },
        { "192.168.1.1", AddressCategory.Private },
        { "100.64.0.1", AddressCategory.SharedAddressSpace },
        { "100.127.255.254", AddressCategory.SharedAddressSpace },
        { "169.254.1.1", AddressCategory.LinkLocal },
        { "169.254.169.254", AddressCategory.CloudMetadata },
        { "169.254.170.2", AddressCategory.CloudMetadata },
        { "100.100.100.200", AddressCategory.CloudMetadata },
        { "0.0.0.0", AddressCategory.Unspecified },
        { "0.1.2.3", AddressCategory.Unspecified },
        { "224.0.0.1", AddressCategory.Multicast },
        { "239.255.255.250", AddressCategory.Multicast },
        { "255.255.255.255", AddressCategory.Broadcast },
        { "240.0.0.1", AddressCategory.Reserved },
        { "192.0.0.170", AddressCategory.Reserved },
        { "192.0.2.1", AddressCategory.Reserved },
        { "198.18.0.1", AddressCategory.Reserved },
        { "198.51.100.7", AddressCategory.Reserved },
        { "203.0.113.9", AddressCategory.Reserved },
        { "::1", AddressCategory.Loopback },
        { "::", AddressCategory.Unspecified },
        { "fe80::1", AddressCategory.LinkLocal },
        { "fe80::1%2", AddressCategory.LinkLocal },
        { "febf:ffff::1", AddressCategory.LinkLocal },
        { "fc00::1", AddressCategory.UniqueLocal },
        { "fd12:3456:789a::1", AddressCategory.UniqueLocal },
        { "fd00:ec2::254", AddressCategory.CloudMetadata },
        { "fec0::1", AddressCategory.Private },
        { "ff02::1", AddressCategory.Multicast },
        { "ff05::1:3", AddressCategory.Multicast },
        { "2001:db8::1", AddressCategory.Reserved },
        { "2001:0:4136:e378:8000:63bf:3fff:fdd2", AddressCategory.Reserved }, // Teredo
        { "100::1", AddressCategory.Reserved },
        { "3fff::1", AddressCategory.Reserved },
        { "4000::1", AddressCategory.Reserved },
        // IPv4-mapped
        { "::ffff:127.0.0.1", AddressCategory.Loopback },
        { "::ffff:7f00:1", AddressCategory.Loopback },
        { "::ffff:10.0.0.1", AddressCategory.Private },
        { "::ffff:169.254.169.254", AddressCategory.CloudMetadata },
        { "::ffff:0.0.0.0", AddressCategory.Unspecified },
        { "::ffff:100.64.0.1", AddressCategory.SharedAddressSpace },
        // IPv4-compatible (deprecated, still routable by some stacks)
        { "::127.0.0.1", AddressCategory.Loopback },
        { "::10.0.0.1", AddressCategory.Private },
        { "::a9fe:a9fe", AddressCategory.CloudMetadata },
        // NAT64, well-known and local-use prefixes
        { "64:ff9b::127.0.0.1", AddressCategory.Loopback },
        { "64:ff9b::a9fe:a9fe", AddressCategory.CloudMetadata },
        { "64:ff9b::192.168.0.1", AddressCategory.Private },
        { "64:ff9b:1::10.0.0.1", AddressCategory.Private },
        // 6to4
        { "2002:7f00:1::1", AddressCategory.Loopback },
        { "2002:a9fe:a9fe::1", AddressCategory.CloudMetadata },
        { "2002:c0a8:101::1", AddressCategory.Private },
    };

    [Theory]
    [MemberData(nameof(RefusedAddresses))]
    public void Classify_AnAddressWebhooksMustNotReach_NamesItsKind(string address, AddressCategory expected) =>
        Assert.Equal(expected, AddressPolicy.Classify(IPAddress.Parse(address)));

    [Theory]
    [MemberData(nameof(RefusedAddresses))]
    public void Classify_AnAddressWebhooksMustNotReach_IsRefusedByDefault(string address, AddressCategory _) =>
        Assert.False(AddressPolicy.Classify(IPAddress.Parse(address)).IsAllowed(allowPrivateTargets: false));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:808:808::1")]
    public void Classify_APublicAddress_IsAllowed(string address)
    {
        var category = AddressPolicy.Classify(IPAddress.Parse(address));

        Assert.Equal(AddressCategory.Public, category);
        Assert.True(category.IsAllowed(allowPrivateTargets: false));
    }

    [Theory]
    [InlineData(AddressCategory.Loopback)]
    [InlineData(AddressCategory.Private)]
    [InlineData(AddressCategory.SharedAddressSpace)]
    [InlineData(AddressCategory.UniqueLocal)]
    public void IsAllowed_TheOperatorsOwnNetworks_WhenPrivateTargetsAreAllowed(AddressCategory category) =>
        Assert.True(category.IsAllowed(allowPrivateTargets: true));

    [Theory]
    [InlineData(AddressCategory.LinkLocal)]
    [InlineData(AddressCategory.CloudMetadata)]
    [InlineData(AddressCategory.Multicast)]
    [InlineData(AddressCategory.Unspecified)]
    [InlineData(AddressCategory.Broadcast)]
    [InlineData(AddressCategory.Reserved)]
    public void IsAllowed_MetadataLinkLocalAndTheLike_NeverEvenWhenPrivateTargetsAreAllowed(AddressCategory category) =>
        Assert.False(category.IsAllowed(allowPrivateTargets: true));
}
