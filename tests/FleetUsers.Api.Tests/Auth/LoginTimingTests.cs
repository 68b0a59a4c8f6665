using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Auth;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FleetUsers.Api.Tests.Auth;

/// <summary>
/// Measures, at the production cost (Argon2id, 19 MiB, 2 passes), how long a login
/// takes to be refused for an unknown username and for a wrong password, and prints the
/// figures (run with --logger "console;verbosity=detailed" to see them). A measurement, not
/// an assertion on time: the rule itself is checked by counting hashes in <see cref="LoginCostTests"/>.
/// </summary>
public sealed class LoginTimingTests(SqliteApp app)
{
    private const int Samples = 15;

    [StoreFact(Only = "sqlite")]
    public async Task Login_RefusalTimes_ForAnUnknownUsernameAndAWrongPassword()
    {
        var company = await app.NewCompanyAsync();
        await using var instance = app.Sibling(new Dictionary<string, string?>
        {
            ["Auth:Argon2MemoryKib"] = Argon2Options.DefaultMemoryKib.ToString(CultureInfo.InvariantCulture),
            ["Auth:Argon2Iterations"] = Argon2Options.DefaultIterations.ToString(CultureInfo.InvariantCulture),
            ["Login:MaxFailuresPerUsernameAndAddress"] = "1000",
            ["Login:MaxFailuresPerUsername"] = "1000",
            ["Login:MaxFailuresPerAddress"] = "1000",
        });
        var admin = FleetUsersApp.ClientOf(instance, company.Admin.DefaultRequestHeaders.Authorization!.Parameter);
        var body = UserBodies.Create(company.RootId, RoleCatalog.Coach);
        body["password"] = TestCompany.Password;
        body["loginEnabled"] = true;
        var created = await admin.PostJsonAsync("/v1/users", body); // hashed here, at the production cost
        await HttpAssert.ExpectAsync(created, HttpStatusCode.Created);
        var username = body["username"]!.GetValue<string>();
        var client = FleetUsersApp.ClientOf(instance);

        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var i = -2; i < Samples; i++) // two rounds of warm-up
        {
            var u = await TimeAsync(client, "nobody-" + Unique.Suffix(), "Wrong-Pass-1");
            var w = await TimeAsync(client, username, "Wrong-Pass-" + i);
            if (i >= 0)
            {
                unknown.Add(u);
                wrong.Add(w);
            }
        }

        var report = $"Refused login, {Samples} samples each, Argon2id at {Argon2Options.DefaultMemoryKib} KiB and {Argon2Options.DefaultIterations} passes:\n"
            + $"  unknown username: {Describe(unknown)}\n"
            + $"  wrong password:   {Describe(wrong)}";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        TestContext.Current.SendDiagnosticMessage(report);
    }

    private static async Task<double> TimeAsync(HttpClient client, string username, string password)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.PostJsonAsync("/api/auth/user", new JsonObject { ["username"] = username, ["password"] = password });
        watch.Stop();
        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static string Describe(List<double> times)
    {
        var sorted = times.Order().ToList();
        string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture) + " ms";
        return $"median {Ms(sorted[sorted.Count / 2])}, mean {Ms(sorted.Average())}, min {Ms(sorted[0])}, max {Ms(sorted[^1])}";
    }
}
