using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// A loopback proxy in front of the PostgreSQL server that counts round trips: the times a client, having
/// received the server's ReadyForQuery (the end of its answer to everything sent so far), sends again.
/// Messages a client sends together without waiting — a BEGIN Npgsql prepends to the first statement, the
/// statements of a batch — are one round trip, however many ReadyForQuery messages they earn.
/// </summary>
public sealed class RoundTripCounter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _serverHost;
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Task _accepting;
    private int _roundTrips;

    private RoundTripCounter(string serverHost, int serverPort)
    {
        _serverHost = serverHost;
        _serverPort = serverPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Round trips on every connection since the last <see cref="Reset"/>.</summary>
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    public void Reset() => Interlocked.Exchange(ref _roundTrips, 0);

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
                var connection = new ConnectionState();
                _ = FromClientAsync(client.GetStream(), server.GetStream(), connection);
                _ = FromServerAsync(server.GetStream(), client.GetStream(), connection);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // stopped
        }
    }

    /// <summary>Whether the server has answered everything the client sent on one connection (a ReadyForQuery since its last send).</summary>
    private sealed class ConnectionState
    {
        public volatile bool ServerReady = true;
    }

    /// <summary>A send after the server's ReadyForQuery starts a round trip; a lone Terminate (closing the connection) waits for nothing.</summary>
    private async Task FromClientAsync(NetworkStream from, NetworkStream to, ConnectionState connection)
    {
        var buffer = new byte[64 * 1024];
        await PumpAsync(from, to, buffer, read =>
        {
            var terminate = read == 5 && buffer[0] == (byte)'X';
            if (connection.ServerReady && !terminate)
            {
                connection.ServerReady = false;
                Interlocked.Increment(ref _roundTrips);
            }
        });
    }

    /// <summary>Reads the server's message boundaries (a type byte, then a length that counts itself) to see each ReadyForQuery ('Z').</summary>
    private async Task FromServerAsync(NetworkStream from, NetworkStream to, ConnectionState connection)
    {
        var buffer = new byte[64 * 1024];
        var header = new byte[5];
        var headerBytes = 0;
        long bodyLeft = 0;
        await PumpAsync(from, to, buffer, read =>
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
                        connection.ServerReady = true; // before the client can see it, so its next send counts
                    }
                    bodyLeft = ((header[1] << 24) | (header[2] << 16) | (header[3] << 8) | header[4]) - 4;
                    headerBytes = 0;
                }
            }
        });
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, byte[] buffer, Action<int> inspect)
    {
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                inspect(read);
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
