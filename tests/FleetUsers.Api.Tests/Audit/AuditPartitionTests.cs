using System.Net;
using System.Text.Json.Nodes;
using DbUp;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Audit;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Provisioning;
using FleetUsers.Domain.Audit;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FleetUsers.Api.Tests.Audit;

/// <summary>
/// On PostgreSQL the user trail is kept in monthly partitions (issue 15, migration 0140): retention drops a month
/// past it whole instead of deleting it row by row. Each database here is the test's own: retention and DDL reach
/// every company's entries.
/// </summary>
public sealed class AuditPartitionTests(PostgresApp app)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [StoreFact(Only = "postgres")]
    public async Task TheMigration_PutsExistingEntriesInTheirMonths_AndTheApiServesThemInTheSameOrder()
    {
        await using var store = await IsolatedStore.CreateAsync(app);
        var connectionString = store.Settings["ConnectionStrings:Users"]!;
        MigrateBefore(connectionString, "0140");
        var adminName = "migrated-" + Unique.Suffix();
        ProvisionedCompany company;
        using (var unpartitioned = StorageRegistration.Open(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString }))
        await using (var session = await unpartitioned.BeginAsync(write: true, None))
        {
            await session.Companies.SyncRoleCatalogAsync(None);
            company = await app.Services.GetRequiredService<CompanyProvisioning>()
                .CreateAsync(session, "Migrated " + Unique.Suffix(), adminName, FleetUsersApp.BootstrapPassword, None);
            // Three months, one entry written late with an older time: the trail's order is the writing order (seq).
            var now = DateTimeOffset.UtcNow;
            foreach (var at in new[] { now.AddMonths(-2), now.AddMonths(-1), now.AddMonths(-2).AddDays(1), now })
            {
                await session.Audit.AppendAsync(new AuditEntry(Guid.CreateVersion7(at), company.Company.Id, company.Administrator.Id, at,
                    AuditActor.User(company.Administrator.Id, adminName), AuditAction.Update, []), None);
            }
            await session.CommitAsync(None);
        }
        var written = await ScalarAsync(connectionString,
            "SELECT string_agg(id::text, ',' ORDER BY seq DESC) FROM audit_log WHERE user_id = @user", ("user", company.Administrator.Id));

        await using var migrated = app.CreateWithCommonSettings(store.With(new Dictionary<string, string?> { ["Bootstrap:AdminUsername"] = adminName }));
        var admin = await FleetUsersApp.BootstrapAdminOfAsync(migrated, adminName);
        var served = new List<string>();
        for (var offset = 0; ; offset += 2)
        {
            var page = (await admin.GetObjectAsync($"/v1/users/{company.Administrator.Id}/auditLogs?limit=2&offset={offset}"))["data"]!.AsArray();
            served.AddRange(page.Select(e => e!["id"]!.GetValue<string>()));
            if (page.Count < 2)
            {
                break;
            }
        }

        Assert.Equal(written!.ToString()!.Split(','), served);
        Assert.True(served.Count >= 4, $"served {served.Count}");
        Assert.Equal("partitioned", await ScalarAsync(connectionString,
            "SELECT CASE relkind WHEN 'p' THEN 'partitioned' ELSE 'one table' END FROM pg_class WHERE oid = 'audit_log'::regclass"));
        Assert.Equal(0L, await ScalarAsync(connectionString,
            "SELECT count(*) FROM audit_log WHERE tableoid::regclass::text <> 'audit_log_p' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYYMM')"));
    }

    [StoreFact(Only = "postgres")]
    public async Task AnEntryOfAMonthAhead_LandsInThatMonthsPartition_MadeAtStartUp()
    {
        // Half a year ahead: further than the months the migration made, so only the start-up's can take it.
        var later = FirstOfMonth(DateTimeOffset.UtcNow).AddMonths(6).AddDays(14);
        await using var service = await IsolatedService.StartAsync(app, services: s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(later)));
        var userId = await CreateUserAsync(service.Admin, service.Root);

        await HttpAssert.ExpectAsync(await service.Admin.PutJsonAsync($"/v1/users/{userId}", UserBodies.Update(service.Root)), HttpStatusCode.OK);

        var partitions = await StoreSql.ScalarAsync(service.Services,
            "SELECT string_agg(DISTINCT tableoid::regclass::text, ',') FROM audit_log WHERE user_id = @user", ("user", userId));
        Assert.Equal($"audit_log_p{later:yyyyMM}", partitions);
    }

    [StoreFact(Only = "postgres")]
    public async Task Retention_DropsWholeMonthsPastIt_AndDeletesTheExpiredPartOfItsMonthRowByRow()
    {
        var month = FirstOfMonth(DateTimeOffset.UtcNow);
        var clock = new FakeTimeProvider(month.AddMonths(-2).AddDays(1)); // the start-up makes that month and the next two
        await using var service = await IsolatedService.StartAsync(app, services: s => s.AddSingleton<TimeProvider>(clock));
        var userId = await CreateUserAsync(service.Admin, service.Root);
        foreach (var at in new[] { month.AddMonths(-1).AddDays(2), month.AddMonths(-1).AddDays(20), DateTimeOffset.UtcNow })
        {
            clock.SetUtcNow(at);
            var admin = await FleetUsersApp.BootstrapAdminOfAsync(service.Instance, service.AdminUsername); // tokens follow the clock
            await HttpAssert.ExpectAsync(await admin.PutJsonAsync($"/v1/users/{userId}", UserBodies.Update(service.Root)), HttpStatusCode.OK);
        }
        // The cutoff falls on the 11th of last month: the month before goes whole, last month's first PUT row by row.
        var days = (int)(DateTimeOffset.UtcNow - month.AddMonths(-1).AddDays(10)).TotalDays;
        var retention = new AuditRetention(service.Services.GetRequiredService<IDatabase>(),
            Options.Create(new AuditOptions { RetentionDays = days }), TimeProvider.System);

        var deleted = await retention.PurgeAsync(None);

        var admin2 = await FleetUsersApp.BootstrapAdminOfAsync(service.Instance, service.AdminUsername);
        var kept = (await admin2.GetObjectAsync($"/v1/users/{userId}/auditLogs"))["data"]!.AsArray()
            .Select(e => e!["occurredAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(2, kept.Count);
        Assert.All(kept, at => Assert.True(at >= month.AddMonths(-1).AddDays(20), $"kept {at:O}"));
        Assert.True(deleted >= 2, $"deleted {deleted}");
        Assert.Null(await StoreSql.ScalarAsync(service.Services, $"SELECT to_regclass('audit_log_p{month.AddMonths(-2):yyyyMM}')::text"));
        Assert.NotNull(await StoreSql.ScalarAsync(service.Services, $"SELECT to_regclass('audit_log_p{month.AddMonths(-1):yyyyMM}')::text"));
    }

    [StoreFact(Only = "postgres")]
    public async Task EveryPartition_RefusesUpdateDeleteAndTruncate()
    {
        await using var service = await IsolatedService.StartAsync(app);
        var userId = await CreateUserAsync(service.Admin, service.Root);
        var partition = $"audit_log_p{DateTimeOffset.UtcNow:yyyyMM}";

        foreach (var statement in new[]
        {
            $"DELETE FROM {partition}", $"UPDATE {partition} SET action = 'rewritten'", $"TRUNCATE {partition}", "TRUNCATE audit_log_default",
            "DELETE FROM audit_log", "UPDATE audit_log SET action = 'rewritten'", "TRUNCATE audit_log",
        })
        {
            var refusal = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => StoreSql.ScalarAsync(service.Services, statement));
            Assert.Contains("append-only", refusal.Message, StringComparison.Ordinal);
        }
        Assert.Single((await service.Admin.GetObjectAsync($"/v1/users/{userId}/auditLogs"))["data"]!.AsArray());
    }

    [StoreFact(Only = "postgres")]
    public async Task InstancesStartingTogether_CreateTheComingMonths_WithoutError()
    {
        await using var service = await IsolatedService.StartAsync(app);
        // Years ahead, so that every one of them has partitions to create, and each time a new month.
        for (var round = 1; round <= 3; round++)
        {
            var later = FirstOfMonth(DateTimeOffset.UtcNow).AddYears(round).AddDays(3);
            var instances = Enumerable.Range(0, 3).Select(_ => app.CreateWithCommonSettings(service.Store.Settings,
                s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(later)))).ToList();
            try
            {
                await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.Server))); // each migrates and starts
                Assert.Equal(3L, await StoreSql.ScalarAsync(service.Services,
                    "SELECT count(*) FROM pg_inherits WHERE inhparent = 'audit_log'::regclass AND inhrelid::regclass::text = ANY(@names)",
                    ("names", Enumerable.Range(0, 3).Select(ahead => $"audit_log_p{later.AddMonths(ahead):yyyyMM}").ToArray())));
            }
            finally
            {
                foreach (var instance in instances)
                {
                    await instance.DisposeAsync();
                }
            }
        }
    }

    private static DateTimeOffset FirstOfMonth(DateTimeOffset time) => new(time.UtcDateTime.Year, time.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    private static async Task<Guid> CreateUserAsync(HttpClient admin, Guid root)
    {
        var created = await admin.PostJsonAsync("/v1/users", UserBodies.Create(root));
        await HttpAssert.ExpectAsync(created, HttpStatusCode.Created);
        return Guid.Parse((await HttpAssert.ReadObjectAsync(created))["userId"]!.GetValue<string>());
    }

    /// <summary>The database as a release before 0140 left it: the migrations named before <paramref name="first"/>.</summary>
    private static void MigrateBefore(string connectionString, string first)
    {
        const string folder = ".Migrations.Postgres.";
        var result = DeployChanges.To.PostgresqlDatabase(connectionString)
            .JournalToPostgresqlTable("public", "schema_versions")
            .WithScriptsEmbeddedInAssembly(typeof(StorageRegistration).Assembly,
                name => name.Contains(folder, StringComparison.Ordinal)
                    && string.CompareOrdinal(name[(name.IndexOf(folder, StringComparison.Ordinal) + folder.Length)..], first) < 0)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(result.Successful, result.Error?.Message);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }
}
