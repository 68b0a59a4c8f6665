using System.Net;
using System.Net.Sockets;

namespace FleetUsers.Domain.Access;

/// <summary>What login throttling counts a client by: its address, IPv6 addresses by their /64 network.</summary>
public static class ClientAddress
{
    /// <summary>
    /// One IPv6 subscriber usually holds a whole /64 (SLAAC, privacy addresses), so counting
    /// single IPv6 addresses would give one client 2^64 fresh addresses to guess from.
    /// </summary>
    public const int Ipv6PrefixLength = 64;

    /// <summary>"192.0.2.7", "2001:db8:1:2::/64" (IPv4-mapped IPv6 addresses as IPv4), or "unknown".</summary>
    public static string ThrottleKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, Ipv6PrefixLength / 8, bytes.Length - (Ipv6PrefixLength / 8));
        return $"{new IPAddress(bytes)}/{Ipv6PrefixLength}";
    }
}
