namespace FleetUsers.Web.Tests.Infrastructure;

/// <summary>Usernames are unique across companies, and login throttling counts per client address: each test takes its own.</summary>
public static class Unique
{
    private static int _address = Random.Shared.Next(1 << 20);

    public static string Suffix() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>A client address of its own (sent as X-Forwarded-For), from 10/8.</summary>
    public static string Address()
    {
        var n = Interlocked.Increment(ref _address);
        return $"10.{(n >> 16) & 0xFF}.{(n >> 8) & 0xFF}.{n & 0xFF}";
    }
}
