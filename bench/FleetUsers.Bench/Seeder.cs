using FleetUsers.Application.Auth;
using FleetUsers.Application.Provisioning;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;
using FleetUsers.Application.Users;
using FleetUsers.Storage;
using FleetUsers.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace FleetUsers.Bench;

/// <summary>
/// Fills the database for the benchmark: one company with a small tree, and users who are
/// drivers in "West Coast Group", each with the username and employee id their PUT body sends.
/// Every user has the same password hash (made once), so the seed body's loginEnabled: true is valid.
/// </summary>
public static class Seeder
{
    private const string AdminPassword = "Bench-Admin-Pass-1";
    private static readonly string[] FirstNames = ["John", "Maria", "Wei", "Aisha", "Carlos", "Olga", "Tom", "Priya", "Ken", "Fatima"];
    private static readonly string[] LastNames = ["Smith", "Garcia", "Chen", "Khan", "Lopez", "Ivanova", "Brown", "Patel", "Sato", "Haddad"];

    public static async Task SeedAsync(SqlDatabase database, int users, string outDir)
    {
        Directory.CreateDirectory(outDir);
        database.Migrate();
        using var meters = new PlainMeterFactory();
        var hashing = new PasswordHashing(Options.Create(new Argon2Options()), meters); // the service's default cost
        var company = BenchCompany.Read(outDir) ?? await CreateCompanyAsync(database, hashing);
        var from = company.Users + 1;
        if (users < from)
        {
            return;
        }
        var passwordHash = await hashing.HashAsync("Bench-User-Pass-1", CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var bulk = database.Name == PostgresEngine.Name && users - from + 1 >= BulkLoadFrom
            ? await WithConnectionAsync(database, PostgresBulkLoad.DropIndexesAsync)
            : null;
        var batch = new List<UserAccount>();
        await using (var ids = new StreamWriter(Path.Combine(outDir, "ids.txt"), append: true))
        {
            for (var i = from; i <= users; i++)
            {
                var user = NewUser(company, i, passwordHash, now);
                batch.Add(user);
                await ids.WriteLineAsync(user.Id.ToString());
                if (batch.Count == 50_000 || i == users)
                {
                    await InsertAsync(database, batch);
                    batch.Clear();
                    Console.Error.Write($"\r  seeded {i:N0} users");
                }
            }
        }
        Console.Error.WriteLine();
        if (bulk is not null)
        {
            await WithConnectionAsync(database, bulk.RebuildIndexesAsync);
        }
        await SettleAsync(database);
        (company with { Users = users }).Write(outDir);
    }

    /// <summary>How many users one seed must add before PostgreSQL's indexes are dropped for the load and built after it.</summary>
    private const int BulkLoadFrom = 1_000_000;

    private static async Task<T> WithConnectionAsync<T>(SqlDatabase database, Func<NpgsqlConnection, Task<T>> work)
    {
        await using var connection = (NpgsqlConnection)await database.OpenAsync(CancellationToken.None);
        return await work(connection);
    }

    private static async Task WithConnectionAsync(SqlDatabase database, Func<NpgsqlConnection, Task> work)
    {
        await using var connection = (NpgsqlConnection)await database.OpenAsync(CancellationToken.None);
        await work(connection);
    }

    /// <summary>
    /// PostgreSQL: vacuum and analyze the loaded tables before they are measured, as autovacuum
    /// would in steady state; left to autovacuum, that work (and plans made from stale
    /// statistics) would land in the middle of the next scenario.
    /// </summary>
    private static async Task SettleAsync(SqlDatabase database)
    {
        if (database.Name != PostgresEngine.Name)
        {
            return;
        }
        await using var connection = (NpgsqlConnection)await database.OpenAsync(CancellationToken.None);
        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) users, user_group_roles", connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task<BenchCompany> CreateCompanyAsync(SqlDatabase database, PasswordHashing hashing)
    {
        await using var session = await database.BeginAsync(write: true, CancellationToken.None);
        await session.Companies.SyncRoleCatalogAsync(CancellationToken.None);
        var admin = "bench-admin-" + Guid.NewGuid().ToString("N")[..8];
        var created = await new CompanyProvisioning(hashing, TimeProvider.System)
            .CreateAsync(session, "Bench Fleet", admin, AdminPassword, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var west = new Group(Guid.CreateVersion7(), created.Company.Id, created.RootGroup.Id, "West Coast Group", null, now, now, 1);
        await session.Groups.InsertAsync(west, CancellationToken.None);
        foreach (var name in new[] { "California", "Oregon", "Washington" })
        {
            await session.Groups.InsertAsync(new Group(Guid.CreateVersion7(), created.Company.Id, west.Id, name, null, now, now, 1), CancellationToken.None);
        }
        await session.CommitAsync(CancellationToken.None);
        return new BenchCompany(created.Company.Id, created.RootGroup.Id, west.Id, created.Administrator.Id, admin, AdminPassword, 0);
    }

    private static UserAccount NewUser(BenchCompany company, int i, string passwordHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        CompanyId = company.CompanyId,
        Profile = new UserProfile
        {
            FirstName = FirstNames[i % FirstNames.Length],
            LastName = LastNames[i / FirstNames.Length % LastNames.Length],
            Username = BenchCompany.Username(i),
            EmployeeId = BenchCompany.EmployeeId(i),
            Email = "email@email.com",
            Status = UserStatus.Active,
            LoginEnabled = true,
            GroupRoles = [new GroupRole(company.GroupId, RoleCatalog.Driver)],
            PrimaryGroupId = company.GroupId,
        },
        PasswordHash = passwordHash,
        CreatedDate = now,
        UpdatedDate = now,
        Version = 1,
    };

    /// <summary>SQLite: the service's own insert, in one transaction per batch. PostgreSQL: COPY, for a million rows.</summary>
    private static async Task InsertAsync(SqlDatabase database, List<UserAccount> users)
    {
        if (database.Name == PostgresEngine.Name)
        {
            await CopyAsync(database, users);
            return;
        }
        await using var session = await database.BeginAsync(write: true, CancellationToken.None);
        foreach (var user in users)
        {
            await session.Users.InsertAsync(user, CancellationToken.None);
        }
        await session.CommitAsync(CancellationToken.None);
    }

    private static async Task CopyAsync(SqlDatabase database, List<UserAccount> users)
    {
        await using var connection = (NpgsqlConnection)await database.OpenAsync(CancellationToken.None);
        await using (var import = await connection.BeginBinaryImportAsync("""
            COPY users (id, company_id, first_name, last_name, username, username_key, employee_id, employee_id_key, email,
                status, login_enabled, password_hash, allow_video_search_download, allow_safety_event_download, primary_group_id,
                search_text, created_date, updated_date, version, last_name_key, first_name_key) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var u in users)
            {
                await import.StartRowAsync();
                await import.WriteAsync(u.Id, NpgsqlDbType.Uuid);
                await import.WriteAsync(u.CompanyId, NpgsqlDbType.Uuid);
                await import.WriteAsync(u.Profile.FirstName, NpgsqlDbType.Text);
                await import.WriteAsync(u.Profile.LastName, NpgsqlDbType.Text);
                await import.WriteAsync(u.Username, NpgsqlDbType.Text);
                await import.WriteAsync(NameKeys.Username(u.Username), NpgsqlDbType.Text);
                await import.WriteAsync(u.Profile.EmployeeId!, NpgsqlDbType.Text);
                await import.WriteAsync(NameKeys.EmployeeId(u.Profile.EmployeeId)!, NpgsqlDbType.Text);
                await import.WriteAsync(u.Profile.Email!, NpgsqlDbType.Text);
                await import.WriteAsync(u.Profile.Status, NpgsqlDbType.Text);
                await import.WriteAsync(u.Profile.LoginEnabled, NpgsqlDbType.Boolean);
                await import.WriteAsync(u.PasswordHash!, NpgsqlDbType.Text);
                await import.WriteAsync(u.Profile.AllowVideoSearchDownload, NpgsqlDbType.Boolean);
                await import.WriteAsync(u.AllowSafetyEventDownload, NpgsqlDbType.Boolean);
                await import.WriteAsync(u.Profile.PrimaryGroupId!.Value, NpgsqlDbType.Uuid);
                await import.WriteAsync(StorageKeys.SearchText(u.Profile), NpgsqlDbType.Text);
                await import.WriteAsync(u.CreatedDate, NpgsqlDbType.TimestampTz);
                await import.WriteAsync(u.UpdatedDate, NpgsqlDbType.TimestampTz);
                await import.WriteAsync(u.Version, NpgsqlDbType.Integer);
                await import.WriteAsync(StorageKeys.SortKey(u.Profile.LastName), NpgsqlDbType.Text);
                await import.WriteAsync(StorageKeys.SortKey(u.Profile.FirstName), NpgsqlDbType.Text);
            }
            await import.CompleteAsync();
        }
        await using (var roles = await connection.BeginBinaryImportAsync("COPY user_group_roles (user_id, group_id, role_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var u in users)
            {
                foreach (var r in u.GroupRoles)
                {
                    await roles.StartRowAsync();
                    await roles.WriteAsync(u.Id, NpgsqlDbType.Uuid);
                    await roles.WriteAsync(r.GroupId, NpgsqlDbType.Uuid);
                    await roles.WriteAsync(r.RoleId, NpgsqlDbType.Integer);
                }
            }
            await roles.CompleteAsync();
        }
    }
}

/// <summary>The seeding has no metrics to export: meters that nobody listens to.</summary>
internal sealed class PlainMeterFactory : System.Diagnostics.Metrics.IMeterFactory
{
    public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

    public void Dispose()
    {
    }
}
