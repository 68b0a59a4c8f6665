using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FleetUsers.Webhooks.Tests.Support;

/// <summary>
/// A raw HTTP server on 127.0.0.1 that answers one request with a body announced as 1 GiB and writes
/// it until the client hangs up. Plain sockets, not Kestrel: Kestrel completes writes after a client
/// has gone without an error, so only a socket's failed write says when the client stopped reading.
/// </summary>
public sealed class EndlessResponder : IDisposable
{
    public const long BodyLength = 1L << 30;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public EndlessResponder()
    {
        listener.Start();
        Written = AnswerOneAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hook";

    /// <summary>How many body bytes were written when a write failed (or the whole body, if none did).</summary>
    public Task<long> Written { get; }

    public void Dispose() => listener.Stop();

    private async Task<long> AnswerOneAsync()
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        await ReadHeadersAsync(stream);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {BodyLength}\r\n\r\n"));
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        long written = 0;
        try
        {
            while (written < BodyLength)
            {
                await stream.WriteAsync(chunk);
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
            // The client closed the connection.
        }
        return written;
    }

    private static async Task ReadHeadersAsync(NetworkStream stream)
    {
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }
            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
