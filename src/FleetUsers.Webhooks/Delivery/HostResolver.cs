using System.Net;

namespace FleetUsers.Webhooks.Delivery;

/// <summary>Resolves a host name to its addresses (the system's DNS unless a test gives another).</summary>
public delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

public static class HostResolvers
{
    public static HostResolver System { get; } = Dns.GetHostAddressesAsync;
}
