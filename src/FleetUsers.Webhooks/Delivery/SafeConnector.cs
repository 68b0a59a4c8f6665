using System.Net;
using System.Net.Sockets;
using FleetUsers.Webhooks.Targets;

namespace FleetUsers.Webhooks.Delivery;

/// <summary>
/// The delivery client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself,
/// checks every address and connects only to one the policy allows. Checking the address actually
/// dialled, rather than the URL, is what stops DNS rebinding and names that point inside.
/// </summary>
internal sealed class SafeConnector(TargetPolicy policy, HostResolver resolve)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var scheme = context.InitialRequestMessage.RequestUri?.Scheme ?? Uri.UriSchemeHttps;
        var addresses = TargetPolicy.IpLiteral(endpoint.Host) is { } literal
            ? [literal]
            : await resolve(endpoint.Host, cancellationToken).ConfigureAwait(false);
        SocketException? lastFailure = null;
        foreach (var allowed in policy.AllowedAddresses(addresses, scheme))
        {
            // An IPv4-mapped answer is dialled as IPv4: an IPv6 socket would need dual mode for it.
            var address = allowed.IsIPv4MappedToIPv6 ? allowed.MapToIPv4() : allowed;
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastFailure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw lastFailure ?? new SocketException((int)SocketError.HostNotFound);
    }
}
