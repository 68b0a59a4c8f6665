using System.Net.Http.Headers;
using FleetUsers.Api.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Web.Tests.Infrastructure;

/// <summary>
/// The real service on Kestrel, on a free loopback port with real sockets, so a browser can reach
/// it (the API tests' in-memory TestServer cannot be). In process, so a test can give it settings
/// and services of its own (a clock, hash hooks).
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private ConsoleServer(WebApplicationFactory<Program> factory, Uri address)
    {
        _factory = factory;
        Address = address;
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _factory.Services;

    public static ConsoleServer Start(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.UseSetting("urls", "http://127.0.0.1:0"); // a free port, never the service's default
            builder.ConfigureTestServices(s =>
            {
                s.AddSingleton(new BootstrapConsole(TextWriter.Null));
                services?.Invoke(s);
            });
        });
        factory.UseKestrel();
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConsoleServer(factory, new Uri(address));
    }

    /// <summary>A client of this server from an address of its own (X-Forwarded-For), optionally with a bearer token.</summary>
    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", Unique.Address());
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
