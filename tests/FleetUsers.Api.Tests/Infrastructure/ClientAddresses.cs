namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>Client addresses for tests: each one new, from the documentation ranges and 10/8.</summary>
public static class ClientAddresses
{
    private static int _next = Random.Shared.Next(1 << 20);

    public static string Next()
    {
        var n = Interlocked.Increment(ref _next);
        return $"10.{(n >> 16) & 0xFF}.{(n >> 8) & 0xFF}.{n & 0xFF}";
    }

    /// <summary>A new IPv6 /64 network (2001:db8::/32, the documentation range) as its first four groups, e.g. "2001:db8:12:3456".</summary>
    public static string NextIpv6Network()
    {
        var n = Interlocked.Increment(ref _next);
        return $"2001:db8:{(n >> 16) & 0xFFFF:x}:{n & 0xFFFF:x}";
    }
}
