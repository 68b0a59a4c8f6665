using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using FleetUsers.Webhooks.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FleetUsers.Api.Tests.Webhooks;

/// <summary>One request a <see cref="Receiver"/> got: its webhook headers and body, and whether it was answered 2xx.</summary>
public sealed record Received(string? Id, string? Timestamp, string? Signature, byte[] Body, bool Accepted)
{
    public JsonObject Event => JsonNode.Parse(Body)!.AsObject();

    public string Type => Event["type"]!.GetValue<string>();

    /// <summary>The signature checked as a receiver checks it, with the library's reference Verify.</summary>
    public SignatureCheck Verify(string secret) =>
        WebhookSignature.Verify(secret, Id, Timestamp, Signature, Body, DateTimeOffset.UtcNow);
}

/// <summary>
/// A real receiver on loopback (Kestrel on 127.0.0.1, any free port): records every request and
/// answers <see cref="Status"/> (204 unless a test says otherwise).
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Receiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>What the receiver answers now.</summary>
    public int Status { get; set; } = StatusCodes.Status204NoContent;

    /// <summary>How long it takes to answer (a slow receiver keeps deliveries in flight).</summary>
    public TimeSpan Delay { get; set; }

    public string Url { get; private set; } = "";

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new Receiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            if (receiver.Delay > TimeSpan.Zero)
            {
                await Task.Delay(receiver.Delay);
            }
            var status = receiver.Status;
            receiver.Requests.Enqueue(new Received(request.Headers["webhook-id"], request.Headers["webhook-timestamp"],
                request.Headers["webhook-signature"], buffer.ToArray(), status is >= 200 and < 300));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.Url = app.Urls.First() + "/hook";
        return receiver;
    }

    /// <summary>The events accepted (2xx), in the order they arrived.</summary>
    public List<Received> Accepted => Requests.Where(r => r.Accepted).ToList();

    /// <summary>Waits (up to <paramref name="timeout"/>, default a minute) until <paramref name="enough"/> holds for what was accepted.</summary>
    public async Task<List<Received>> WaitForAsync(Func<List<Received>, bool> enough, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            var accepted = Accepted;
            if (enough(accepted) || DateTime.UtcNow > deadline)
            {
                return accepted;
            }
            await Task.Delay(50);
        }
    }

    /// <summary>The accepted events about one subject, in arrival order.</summary>
    public static List<Received> About(IEnumerable<Received> received, Guid subjectId) =>
        received.Where(r => r.Event["subject"]!["id"]!.GetValue<string>() == subjectId.ToString()).ToList();

    public override string ToString() => $"{Requests.Count} requests: " + string.Join(", ", Requests.Select(r => Encoding.UTF8.GetString(r.Body)[..Math.Min(80, r.Body.Length)]));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
