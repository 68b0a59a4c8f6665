using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FleetUsers.Webhooks.Tests.Support;

/// <summary>
/// A webhook receiver on 127.0.0.1 (Kestrel, a port of its own), with one route per behaviour the
/// sender must cope with. It records every request it gets; tests tell theirs apart by a unique
/// <c>?test=</c> query.
/// </summary>
public sealed class Receiver : IAsyncLifetime
{
    private readonly string host;

    public Receiver()
        : this("127.0.0.1")
    {
    }

    /// <summary>A receiver at another loopback address (xunit wants one public constructor for fixtures).</summary>
    internal Receiver(string host) => this.host = host;

    public static readonly DateTimeOffset RetryAfterDate = new(2026, 3, 6, 19, 0, 0, TimeSpan.Zero);

    private WebApplication? app;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public int Port { get; private set; }

    public static string NewTest() => Guid.NewGuid().ToString("N");

    public string Url(string route, string test) => $"http://{host}:{Port}/{route}?test={test}";

    public IReadOnlyList<ReceivedRequest> For(string test) => [.. Requests.Where(r => r.Test == test)];

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{host}:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            await Record(context);
            await next(context);
        });
        app.MapPost("/ok", () => Results.NoContent());
        app.MapPost("/echo", (HttpContext context) => Results.Text($"received {context.Request.Headers["webhook-id"]}"));
        app.MapPost("/error", () => Results.Text("database on fire", statusCode: 500));
        app.MapPost("/gone", () => Results.StatusCode(410));
        app.MapPost("/redirect", (HttpContext context) => Results.Redirect($"/ok{context.Request.QueryString}&redirected=1"));
        app.MapPost("/busy", (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = "120";
            return Results.StatusCode(429);
        });
        app.MapPost("/unavailable", (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = RetryAfterDate.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return Results.StatusCode(503);
        });
        app.MapPost("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.NoContent();
        });
        app.MapPost("/large", () => Results.Text(new string('y', 100 * 1024)));
        app.MapPost("/cookie", (HttpContext context) =>
        {
            context.Response.Headers.SetCookie = "session=receiver-session; Path=/";
            return Results.NoContent();
        });
        app.MapPost("/big-headers", (HttpContext context) =>
        {
            context.Response.Headers["X-Padding"] = new string('p', 20 * 1024);
            return Results.NoContent();
        });
        await app.StartAsync();
        Port = new Uri(app.Urls.Single()).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task Record(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        Requests.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path,
            context.Request.Query["test"].ToString(),
            context.Request.Query.ContainsKey("redirected"),
            context.Connection.Id,
            new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase)),
            body.ToArray()));
    }
}

public sealed record ReceivedRequest(string Method, string Path, string Test, bool Redirected, string ConnectionId, IHeaderDictionary Headers, byte[] Body)
{
    public string Header(string name) => Headers[name].ToString();
}
