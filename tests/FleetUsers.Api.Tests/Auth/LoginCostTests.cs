using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Auth;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>
/// Every refused login costs one slow password hash, whether the name is unknown, the
/// password wrong, or the user may not log in: counted with the service's own metric
/// (fleetusers.password.verifications), not timed. A throttled attempt costs none.
/// The measured times are in <see cref="LoginTimingTests"/>.
/// </summary>
public sealed class LoginCostTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Login_ChecksExactlyOneHash_ForEveryKindOfRefusal()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        var withoutPassword = await company.CreateUserAsync(company.RootId);
        var disabled = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password, b => b["loginEnabled"] = false);
        await using var instance = app.Sibling();
        using var hashes = new HashCounter(instance);

        var attempts = new (string Username, string Password, string Hash)[]
        {
            ("nobody-" + Unique.Suffix(), TestCompany.Password, "decoy"),
            (user.Username, "Wrong-Pass-1", "stored"),
            (withoutPassword.Username, TestCompany.Password, "decoy"),
            (disabled.Username, TestCompany.Password, "stored"),
            ("a\u0000b", TestCompany.Password, "decoy"),
            (new string('x', 300), TestCompany.Password, "decoy"),
        };

        foreach (var (username, password, hash) in attempts)
        {
            var before = hashes.Snapshot();
            await HttpAssert.ExpectEmptyAsync(await LoginAsync(instance, username, password), HttpStatusCode.Unauthorized);
            Assert.Equal(before.With(hash), hashes.Snapshot());
        }
    }

    [StoreFact]
    public async Task Login_Throttled_ChecksNoHash()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password);
        await using var instance = app.Sibling(new Dictionary<string, string?> { ["Login:MaxFailuresPerUsername"] = "1" });
        using var hashes = new HashCounter(instance);
        await LoginAsync(instance, user.Username, "Wrong-Pass-1");
        var before = hashes.Snapshot();

        await HttpAssert.ExpectErrorAsync(await LoginAsync(instance, user.Username, TestCompany.Password), HttpStatusCode.TooManyRequests);

        Assert.Equal(before, hashes.Snapshot());
    }

    private static Task<HttpResponseMessage> LoginAsync(WebApplicationFactory<Program> instance, string username, string password)
    {
        return FleetUsersApp.ClientOf(instance).PostJsonAsync("/api/auth/user", new JsonObject { ["username"] = username, ["password"] = password });
    }

    /// <summary>Hash checks by kind ("stored", "decoy").</summary>
    private sealed record Counts(long Stored, long Decoy)
    {
        public Counts With(string hash) => hash == "decoy" ? this with { Decoy = Decoy + 1 } : this with { Stored = Stored + 1 };
    }

    /// <summary>Listens to one instance's password-hash counter (its own meter factory, so other tests' logins are not counted).</summary>
    private sealed class HashCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _counts = new();

        public HashCounter(WebApplicationFactory<Program> instance)
        {
            var meters = instance.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == PasswordHashing.VerificationsCounter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "hash")
                    {
                        _counts.AddOrUpdate((string)tag.Value!, value, (_, total) => total + value);
                    }
                }
            });
            _listener.Start();
        }

        public Counts Snapshot() => new(_counts.GetValueOrDefault("stored"), _counts.GetValueOrDefault("decoy"));

        public void Dispose() => _listener.Dispose();
    }
}
