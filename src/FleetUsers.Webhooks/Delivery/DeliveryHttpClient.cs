using System.Net;
using FleetUsers.Webhooks.Targets;

namespace FleetUsers.Webhooks.Delivery;

/// <summary>The one HTTP client deliveries go through, and everything it refuses to do.</summary>
internal static class DeliveryHttpClient
{
    public const string UserAgent = "FleetUsers-Webhooks/1.0";

    public static HttpClient Create(TargetPolicy policy, TimeSpan timeout, HostResolver resolver)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = new SafeConnector(policy, resolver).ConnectAsync,
            // A 3xx is a failed delivery: following it would reach a URL nobody checked.
            AllowAutoRedirect = false,
            // A proxy would make the connection the policy checks the proxy's, not the target's.
            UseProxy = false,
            UseCookies = false,
            PreAuthenticate = false,
            // Compressed bytes would let a small response grow past the bound once inflated.
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = timeout,
            // What is not read of a response is not drained either: the connection is dropped.
            MaxResponseDrainSize = 0,
            MaxResponseHeadersLength = 16, // KiB
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        client.DefaultRequestHeaders.ExpectContinue = false;
        return client;
    }
}
