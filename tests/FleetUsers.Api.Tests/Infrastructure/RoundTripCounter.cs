using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// A loopback proxy in front of the PostgreSQL server that counts round trips: the server ends every
/// exchange (a simple query, or a pipeline of extended-protocol messages up to its Sync) with one
/// ReadyForQuery message, and the client waits for it before it sends what depends on the answer. A BEGIN
/// Npgsql prepends to the first statement rides in that statement's exchange, as on the wire.
/// </summary>
public sealed class RoundTripCounter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _serverHost;
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Task _accepting;
    private int _readyForQuery;

    private RoundTripCounter(string serverHost, int serverPort)
    {
        _serverHost = serverHost;
        _serverPort = serverPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>ReadyForQuery messages the server sent since the last <see cref="Reset"/>.</summary>
    public int RoundTrips => Volatile.Read(ref _readyForQuery);

    public void Reset() => Interlocked.Exchange(ref _readyForQuery, 0);

    /// <summary>A proxy to the server of <paramref name="connectionString"/>, and that connection string pointed at it (without TLS, so the messages can be read).</summary>
    public static (RoundTripCounter Counter, string ConnectionString) InFrontOf(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var counter = new RoundTripCounter(builder.Host ?? "127.0.0.1", builder.Port);
        builder.Host = "127.0.0.1";
        builder.Port = ((IPEndPoint)counter._listener.LocalEndpoint).Port;
        builder.SslMode = SslMode.Disable;
        return (counter, builder.ToString());
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient { NoDelay = true };
                await server.ConnectAsync(_serverHost, _serverPort, _stop.Token);
                client.NoDelay = true;
                lock (_sockets)
                {
                    _sockets.Add(client);
                    _sockets.Add(server);
                }
                _ = PumpAsync(client.GetStream(), server.GetStream(), count: false);
                _ = PumpAsync(server.GetStream(), client.GetStream(), count: true);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // stopped
        }
    }

    /// <summary>Copies one direction; from the server, reads the message boundaries (a type byte, then a length that counts itself).</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool count)
    {
        var buffer = new byte[64 * 1024];
        var header = new byte[5];
        var headerBytes = 0;
        long bodyLeft = 0;
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (count)
                {
                    for (var i = 0; i < read;)
                    {
                        if (bodyLeft > 0)
                        {
                            var skip = (int)Math.Min(bodyLeft, read - i);
                            bodyLeft -= skip;
                            i += skip;
                            continue;
                        }
                        header[headerBytes++] = buffer[i++];
                        if (headerBytes == 5)
                        {
                            if (header[0] == (byte)'Z')
                            {
                                Interlocked.Increment(ref _readyForQuery);
                            }
                            bodyLeft = ((header[1] << 24) | (header[2] << 16) | (header[3] << 8) | header[4]) - 4;
                            headerBytes = 0;
                        }
                    }
                }
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // a side closed
        }
        finally
        {
            try
            {
                to.Socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                // already closed
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }
        _stop.Dispose();
    }
}
