using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Ports;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static FleetUsers.Api.Tests.Infrastructure.ScimCalls;

namespace FleetUsers.Api.Tests.Scim;

/// <summary>
/// A SCIM Users read whose answer neither shows nor filters by <c>groups</c> does not read the client's
/// groups (a session of its own): counted on an instance whose database counts the sessions of SCIM requests.
/// </summary>
public sealed class ScimUserSessionTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task UserReadsWithoutGroups_OpenOneSessionFewer()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var depot = await company.AddGroupAsync("Depot", west);
        var scim = await company.NewScimClientAsync(west, RoleCatalog.Driver);
        var userName = "s" + Unique.Suffix();
        var id = (await ExpectScimAsync(await scim.Http.ScimAsync(HttpMethod.Post, "/Users",
            EntraUser(userName, "x1", userName + "@example.com").ToJsonString()), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var sessions = new SessionCounter();
        await using var instance = app.Sibling(services: sessions.Install);
        var http = FleetUsersApp.ClientOf(instance, scim.Token);
        await ExpectScimAsync(await http.ScimGetAsync($"/Users/{id}"), HttpStatusCode.OK); // first request of the instance

        var get = await sessions.CountAsync(() => http.ScimGetAsync($"/Users/{id}"));
        var getWithoutGroups = await sessions.CountAsync(() => http.ScimGetAsync($"/Users/{id}?excludedAttributes=groups"));
        var list = await sessions.CountAsync(() => http.ScimGetAsync("/Users?filter=" + Uri.EscapeDataString($"userName eq \"{userName}\"")));
        var listWithoutGroups = await sessions.CountAsync(() =>
            http.ScimGetAsync("/Users?attributes=userName&filter=" + Uri.EscapeDataString($"userName eq \"{userName}\"")));
        var listByGroup = await sessions.CountAsync(() =>
            http.ScimGetAsync("/Users?attributes=userName&filter=" + Uri.EscapeDataString($"groups.value eq \"{depot}\"")));

        Assert.Equal(get - 1, getWithoutGroups);
        Assert.Equal(list - 1, listWithoutGroups);
        // A filter by one of the client's groups needs them whatever the answer shows.
        Assert.Equal(list, listByGroup);
    }

    /// <summary>Counts the sessions begun while a /scim/v2 request is served.</summary>
    private sealed class SessionCounter
    {
        private int _count;

        public void Install(IServiceCollection services)
        {
            services.AddHttpContextAccessor();
            var original = services.Last(d => d.ServiceType == typeof(IDatabase));
            services.AddSingleton<IDatabase>(sp => new CountingDatabase(
                (IDatabase)(original.ImplementationFactory?.Invoke(sp) ?? original.ImplementationInstance!),
                sp.GetRequiredService<IHttpContextAccessor>(), this));
        }

        /// <summary>The sessions the request began (its answer read whole first).</summary>
        public async Task<int> CountAsync(Func<Task<HttpResponseMessage>> request)
        {
            Interlocked.Exchange(ref _count, 0);
            var response = await request();
            await ExpectScimAsync(response, HttpStatusCode.OK);
            return Volatile.Read(ref _count);
        }

        private sealed class CountingDatabase(IDatabase inner, IHttpContextAccessor http, SessionCounter counter) : IDatabase
        {
            public string Name => inner.Name;
            public string? LocalDirectory => inner.LocalDirectory;
            public TimeSpan PauseBetweenBatches => inner.PauseBetweenBatches;

            public Task<IStorageSession> BeginAsync(bool write, CancellationToken ct)
            {
                Count();
                return inner.BeginAsync(write, ct);
            }

            public Task<IStorageSession> BeginSnapshotAsync(CancellationToken ct)
            {
                Count();
                return inner.BeginSnapshotAsync(ct);
            }

            public void Migrate() => inner.Migrate();
            public Task<bool> PingAsync(CancellationToken ct) => inner.PingAsync(ct);
            public bool IsUnavailable(Exception exception) => inner.IsUnavailable(exception);
            public bool IsConnectionLost(Exception exception) => inner.IsConnectionLost(exception);
            public void ForgetPooledConnections() => inner.ForgetPooledConnections();

            private void Count()
            {
                if (http.HttpContext?.Request.Path.StartsWithSegments("/scim/v2") == true)
                {
                    Interlocked.Increment(ref counter._count);
                }
            }
        }
    }
}
