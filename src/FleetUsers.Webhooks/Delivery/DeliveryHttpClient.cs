using FleetUsers.Webhooks.Targets;

namespace FleetUsers.Webhooks.Delivery;

/// <summary>The one HTTP client deliveries go through, and everything it refuses to do.</summary>
internal static class DeliveryHttpClient
{
    public const string UserAgent = "FleetUsers-Webhooks/1.0";

    public static HttpClient Create(TargetPolicy policy, HostResolver resolver)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = new SafeConnector(policy, resolver).ConnectAsync,
            // A 3xx is a failed delivery: following it would reach a URL nobody checked.
            AllowAutoRedirect = false,
            // A proxy would make the connection the policy checks the proxy's, not the target's.
            UseProxy = false,
            // A receiver's cookie is not sent back with the next event.
            UseCookies = false,
            // What is not read of a response is not drained either: the connection is dropped.
            MaxResponseDrainSize = 0,
            // Headers are bounded too (the default is 64 KiB).
            MaxResponseHeadersLength = 16,
            // Connections are checked when made; a lifetime lets a receiver's new addresses be picked up.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        // The sender's own timeout covers connecting, the headers and the bounded body.
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        return client;
    }
}
