using System.Net;
using System.Net.Sockets;

namespace FleetUsers.Webhooks.Targets;

/// <summary>Classifies IP addresses, IPv6 forms that embed an IPv4 address by the address they embed.</summary>
public static class AddressPolicy
{
    // Most specific first: the first range that holds an address names its category.
    private static readonly (IPNetwork Range, AddressCategory Category)[] Ranges =
    [
        (IPNetwork.Parse("169.254.169.254/32"), AddressCategory.CloudMetadata), // AWS, GCP, Azure, Oracle, DigitalOcean
        (IPNetwork.Parse("169.254.170.2/32"), AddressCategory.CloudMetadata),   // AWS ECS task metadata
        (IPNetwork.Parse("100.100.100.200/32"), AddressCategory.CloudMetadata), // Alibaba Cloud (inside 100.64/10)
        (IPNetwork.Parse("fd00:ec2::254/128"), AddressCategory.CloudMetadata),  // AWS over IPv6 (inside fc00::/7)
        (IPNetwork.Parse("0.0.0.0/8"), AddressCategory.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), AddressCategory.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressCategory.SharedAddressSpace),
        (IPNetwork.Parse("127.0.0.0/8"), AddressCategory.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressCategory.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressCategory.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressCategory.Reserved),
        (IPNetwork.Parse("192.0.2.0/24"), AddressCategory.Reserved),
        (IPNetwork.Parse("192.88.99.0/24"), AddressCategory.Reserved),
        (IPNetwork.Parse("192.168.0.0/16"), AddressCategory.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressCategory.Reserved),
        (IPNetwork.Parse("198.51.100.0/24"), AddressCategory.Reserved),
        (IPNetwork.Parse("203.0.113.0/24"), AddressCategory.Reserved),
        (IPNetwork.Parse("224.0.0.0/4"), AddressCategory.Multicast),
        (IPNetwork.Parse("255.255.255.255/32"), AddressCategory.Broadcast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressCategory.Reserved),
        (IPNetwork.Parse("::/128"), AddressCategory.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressCategory.Loopback),
        (IPNetwork.Parse("64:ff9b:1::/48"), AddressCategory.Private), // local-use NAT64
        (IPNetwork.Parse("100::/64"), AddressCategory.Reserved),      // discard-only
        (IPNetwork.Parse("2001::/32"), AddressCategory.Reserved),      // Teredo: its client address is obfuscated
        (IPNetwork.Parse("2001:db8::/32"), AddressCategory.Reserved),
        (IPNetwork.Parse("3fff::/20"), AddressCategory.Reserved),
        (IPNetwork.Parse("fc00::/7"), AddressCategory.UniqueLocal),
        (IPNetwork.Parse("fe80::/10"), AddressCategory.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressCategory.Private),      // site-local, deprecated
        (IPNetwork.Parse("ff00::/8"), AddressCategory.Multicast),
    ];

    private static readonly IPNetwork Ipv4Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    public static AddressCategory Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = WithoutScope(address);
            if (Embedded(address) is { } inner)
            {
                return Classify(inner);
            }
        }
        foreach (var (range, category) in Ranges)
        {
            if (range.Contains(address))
            {
                return category;
            }
        }
        // Outside 2000::/3 nothing is assigned for global unicast.
        return address.AddressFamily == AddressFamily.InterNetworkV6 && !GlobalUnicast.Contains(address)
            ? AddressCategory.Reserved
            : AddressCategory.Public;
    }

    /// <summary>
    /// The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64
    /// (64:ff9b::a.b.c.d) or 6to4 (2002:aabb:ccdd::) address: each reaches that IPv4 host.
    /// </summary>
    private static IPAddress? Embedded(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        if ((Ipv4Compatible.Contains(address) && !IsUnspecifiedOrLoopback(bytes)) || Nat64.Contains(address))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        return SixToFour.Contains(address) ? new IPAddress(bytes.AsSpan(2, 4)) : null;
    }

    // :: and ::1 lie inside ::/96 but are IPv6's own.
    private static bool IsUnspecifiedOrLoopback(byte[] bytes) => bytes.AsSpan(0, 15).IndexOfAnyExcept((byte)0) < 0 && bytes[15] <= 1;

    private static IPAddress WithoutScope(IPAddress address) =>
        address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());
}
