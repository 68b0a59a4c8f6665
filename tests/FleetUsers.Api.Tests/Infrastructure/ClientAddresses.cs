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
}
