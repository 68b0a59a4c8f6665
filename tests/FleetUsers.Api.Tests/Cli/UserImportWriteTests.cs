using FleetUsers.Application.Changes;
using FleetUsers.Domain.Users;
using FleetUsers.Application.Users;
using FleetUsers.Application.Ports;
using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Application.Transfer;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Cli;

/// <summary>
/// How an import writes: in short batches, so the service keeps answering writes meanwhile;
/// invisible until the whole file is written; a name taken meanwhile reported by line, with
/// nothing kept; the leftovers of an import whose process died removed by the next one.
/// </summary>
public sealed class UserImportWriteTests(FleetUsersApp app) : IDisposable
{
    private readonly TemporaryDirectory _files = new();

    [StoreFact]
    public async Task Import_OfALargeFile_LetsTheServiceAnswerEveryWriteAndLoginMeanwhile()
    {
        // A database of its own: no other test's writers share its lock.
        await using var store = await IsolatedStore.CreateAsync(app);
        var admin = "bulk-admin-" + Unique.Suffix();
        // Writers that give up after 2 s, as a busy service answers 503: the import may hold the
        // write lock for a batch at a time, never for the file (which takes far longer).
        var settings = store.With(new Dictionary<string, string?>
        {
            ["Bootstrap:AdminUsername"] = admin,
            ["Storage:CommandTimeoutSeconds"] = "2",
        });
        await using var service = app.CreateWithCommonSettings(settings);
        using var client = FleetUsersApp.ClientOf(service, await TokenAsync(service, admin));
        var root = await client.GetObjectAsync("/v1/groups");
        var rootId = root["groups"]![0]!["id"]!.GetValue<Guid>();
        var rootPath = root["groups"]![0]!["fullPath"]!.GetValue<string>();
        var created = await client.PostAsync("/v1/users", Json.Content(UserBodies.Create(rootId)));
        var writer = (await HttpAssert.ReadObjectAsync(created))["userId"]!.GetValue<Guid>();
        const int rows = 25_000;
        var file = await WriteFileAsync(Enumerable.Range(0, rows).Select(i => $"Bulk{i},{Unique.Letters()},B-{i},{rootPath}:Driver"));
        var cliSettings = store.With(new Dictionary<string, string?>
        {
            ["Auth:Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
            ["Auth:Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
        });

        var import = Task.Run(() => Infrastructure.Cli.RunAsync(cliSettings, "users", "import", "--company", rootPath, "--file", file));
        var answers = new List<(string Request, HttpStatusCode Status, TimeSpan Took)>();
        var duringImport = 0;
        while (!import.IsCompleted)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var login = await FleetUsersApp.ClientOf(service).PostAsync("/api/auth/user",
                Json.Content(new JsonObject { ["username"] = admin, ["password"] = "Bootstrap-Pass-1" }));
            answers.Add(("login", login.StatusCode, clock.Elapsed));
            clock.Restart();
            var put = await client.PutJsonAsync($"/v1/users/{writer}", UserBodies.Update(rootId));
            answers.Add(("PUT", put.StatusCode, clock.Elapsed));
            duringImport += import.IsCompleted ? 0 : 1;
        }

        var result = await import;
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(duringImport >= 3, $"only {duringImport} rounds of writes ran during the import");
        var refused = answers.Where(a => a.Status != HttpStatusCode.OK).ToList();
        Assert.True(refused.Count == 0, $"{refused.Count} of {answers.Count} writes refused: "
            + string.Join(", ", refused.Select(a => $"{a.Request} {(int)a.Status} after {a.Took.TotalSeconds:F1} s")));
        Assert.Equal(rows + 2, (await client.GetObjectAsync("/v1/users?limit=1"))["metadata"]!["count"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task Import_UsersStayInvisibleUntilTheLastBatch_ButTheirNamesAreAlreadyTaken()
    {
        var company = await app.NewCompanyAsync();
        var root = await RootPathAsync(company);
        var first = "first-" + Unique.Suffix();
        var rows = Rows(root, UserImportWriter.ChunkSize + 1, first);
        var seenMidway = false;

        var report = await ImportAsync(company, rows, async () =>
        {
            seenMidway = true;
            Assert.Equal(1, await CountAsync(company));
            await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/users/{first}?searchBy=Username"), HttpStatusCode.NotFound);
            await HttpAssert.ExpectErrorAsync(await company.Admin.PostAsync("/v1/users", Json.Content(WithUsername(company, first))), HttpStatusCode.Conflict);
            var companies = await Infrastructure.Cli.SucceedAsync(app, "companies", "list");
            Assert.EndsWith("\t1\t1", Line(companies.Output, company.CompanyId.ToString()));
        });

        Assert.True(seenMidway);
        Assert.True(report.Succeeded, string.Join("\n", report.Problems));
        Assert.Equal(rows.Count + 1, await CountAsync(company));
        await company.Admin.GetObjectAsync($"/v1/users/{first}?searchBy=Username");
    }

    [StoreFact]
    public async Task Import_ANameTakenByTheApiDuringTheWrite_IsReportedByLine_AndNothingIsKept()
    {
        var company = await app.NewCompanyAsync();
        var root = await RootPathAsync(company);
        var first = "first-" + Unique.Suffix();
        var rows = Rows(root, UserImportWriter.ChunkSize + 2, first);
        var late = rows[^1];
        var lateName = late["username"]!;

        var report = await ImportAsync(company, rows, async () =>
        {
            // Between the check and the second batch: the API takes a username and an employee id of it.
            await HttpAssert.ExpectAsync(await company.Admin.PostAsync("/v1/users", Json.Content(WithUsername(company, lateName))), HttpStatusCode.Created);
            var body = UserBodies.Create(company.RootId);
            body["employeeId"] = rows[^2]["employeeId"];
            await HttpAssert.ExpectAsync(await company.Admin.PostAsync("/v1/users", Json.Content(body)), HttpStatusCode.Created);
        });

        Assert.False(report.Succeeded);
        Assert.Equal(0, report.Imported);
        Assert.Contains(report.Problems, p => p.Line == late.Line && p.Message == $"username {lateName} was taken by another request during the import");
        Assert.Contains(report.Problems, p => p.Line == rows[^2].Line
            && p.Message == $"employeeId {rows[^2]["employeeId"]} was taken in this company by another request during the import");
        Assert.Equal(2, report.Problems.Count);
        Assert.Equal(3, await CountAsync(company));
        // The first batch was written and removed again: its names are free.
        await HttpAssert.ExpectAsync(await company.Admin.PostAsync("/v1/users", Json.Content(WithUsername(company, first))), HttpStatusCode.Created);
    }

    [StoreFact]
    public async Task Import_RemovesWhatAnImportWhoseProcessDiedLeftBehind_AndImportsTheSameNames()
    {
        var company = await app.NewCompanyAsync();
        var root = await RootPathAsync(company);
        var name = "orphan-" + Unique.Suffix();
        await LeaveADeadImportAsync(company, name, "E-orphan");
        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/users/{name}?searchBy=Username"), HttpStatusCode.NotFound);

        var file = await WriteFileAsync([$"Olive,Orphan,E-orphan,{root}:Driver"], header: "firstName,lastName,employeeId,groupRoles", prefix: [], username: name);
        var result = await Infrastructure.Cli.SucceedAsync(app, "users", "import", "--company", company.CompanyId.ToString(), "--file", file);

        Assert.Contains("Imported 1 users", result.Output, StringComparison.Ordinal);
        var user = await company.Admin.GetObjectAsync($"/v1/users/{name}?searchBy=Username");
        Assert.Equal("Olive", user["firstName"]!.GetValue<string>());
        Assert.Equal(2, await CountAsync(company));
    }

    [StoreFact]
    public async Task Import_RemovesTheStagedEventsACommittedImportLeftBehind_AndKeepsItsEventsInTheFeed()
    {
        var company = await app.NewCompanyAsync();
        var root = await RootPathAsync(company);
        var importId = await LeaveACommittedImportWithItsStagedEventsAsync(company);
        Assert.Equal(1L, await StagedEventsAsync(importId));

        var file = await WriteFileAsync([$"Next,Import,E-next-{Unique.Suffix()},{root}:Driver"], header: "firstName,lastName,employeeId,groupRoles",
            prefix: [], username: "next-" + Unique.Suffix());
        await Infrastructure.Cli.SucceedAsync(app, "users", "import", "--company", company.CompanyId.ToString(), "--file", file);

        Assert.Equal(0L, await StagedEventsAsync(importId));
        Assert.Equal(1L, Convert.ToInt64(await StoreSql.ScalarAsync(app.Services, $"SELECT count(*) FROM events WHERE subject_id = '{Key(importId)}'")));
    }

    public void Dispose()
    {
        _files.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// An import as a process leaves it that died right after its final write: committed, its event released into
    /// the feed, the staged copy still there. (The event's subject is the import's id, so the test can find it.)
    /// </summary>
    private async Task<Guid> LeaveACommittedImportWithItsStagedEventsAsync(TestCompany company)
    {
        var database = app.Services.GetRequiredService<IDatabase>();
        var importId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var change = ChangeEvent.Of("user.created", now, company.CompanyId, SubjectKinds.User, importId, ChangeRecorder.Operator, []);
        await using var session = await database.BeginAsync(write: true, CancellationToken.None);
        await session.Imports.StartAsync(importId, company.CompanyId, now, CancellationToken.None);
        await session.Events.StageAsync(importId, [change], CancellationToken.None);
        Assert.True(await session.Imports.CommitAsync(importId, now, CancellationToken.None));
        Assert.Equal(1, await session.Events.ReleaseStagedAsync(importId, CancellationToken.None));
        await session.CommitAsync(CancellationToken.None);
        return importId;
    }

    /// <summary>An id as the store keeps it (SQLite: upper-case text).</summary>
    private string Key(Guid id) => StoreSql.IsPostgres(app) ? id.ToString() : id.ToString().ToUpperInvariant();

    private async Task<long> StagedEventsAsync(Guid importId) =>
        Convert.ToInt64(await StoreSql.ScalarAsync(app.Services, $"SELECT count(*) FROM import_events WHERE import_id = '{Key(importId)}'"));

    /// <summary>An import started and given one batch, then silent for longer than <see cref="UserImportWriter.AbandonedAfter"/>.</summary>
    private async Task LeaveADeadImportAsync(TestCompany company, string username, string employeeId)
    {
        var database = app.Services.GetRequiredService<IDatabase>();
        var importId = Guid.NewGuid();
        var longAgo = DateTimeOffset.UtcNow - UserImportWriter.AbandonedAfter - TimeSpan.FromMinutes(1);
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(), CompanyId = company.CompanyId, CreatedDate = longAgo, UpdatedDate = longAgo, Version = 1,
            Profile = new UserProfile
            {
                FirstName = "Dead", LastName = "Import", Username = username, EmployeeId = employeeId, Status = "Active",
                GroupRoles = [new(company.RootId, FleetUsers.Domain.Roles.RoleCatalog.Driver)],
            },
        };
        await using var session = await database.BeginAsync(write: true, CancellationToken.None);
        await session.Imports.StartAsync(importId, company.CompanyId, longAgo, CancellationToken.None);
        await session.Users.InsertManyAsync([user], importId, CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// Imports through the command line's service, one chunk per batch, calling
    /// <paramref name="afterFirstBatch"/> once the first batch is written.
    /// </summary>
    private async Task<ImportReport> ImportAsync(TestCompany company, IReadOnlyList<UserFileRow> rows, Func<Task> afterFirstBatch)
    {
        var database = app.Services.GetRequiredService<IDatabase>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var import = new UserImportService(database, new UserImportWriter(database, app.Services.GetRequiredService<ChangeRecorder>(), clock) { LockBudget = TimeSpan.Zero }, clock);
        return await import.ImportAsync(company.CompanyId, rows, [], new AfterFirstBatch(afterFirstBatch), CancellationToken.None);
    }

    private static List<UserFileRow> Rows(string root, int count, string firstUsername) =>
        Enumerable.Range(0, count).Select(i => new UserFileRow(i + 2, new Dictionary<string, string>
        {
            ["firstName"] = "Row" + i,
            ["lastName"] = Unique.Letters(),
            ["username"] = i == 0 ? firstUsername : "row-" + Unique.Suffix(),
            ["employeeId"] = "R-" + Unique.Suffix(),
            ["groupRoles"] = $"{root}:Driver",
        })).ToList();

    private static JsonObject WithUsername(TestCompany company, string username)
    {
        var body = UserBodies.Create(company.RootId);
        body["username"] = username;
        return body;
    }

    private static async Task<string> TokenAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> service, string admin)
    {
        var login = await FleetUsersApp.ClientOf(service).PostAsync("/api/auth/user",
            Json.Content(new JsonObject { ["username"] = admin, ["password"] = "Bootstrap-Pass-1" }));
        await HttpAssert.ExpectAsync(login, HttpStatusCode.OK);
        return (await HttpAssert.ReadObjectAsync(login))["accessToken"]!.GetValue<string>();
    }

    private static async Task<int> CountAsync(TestCompany company) =>
        (await company.Admin.GetObjectAsync("/v1/users?limit=1"))["metadata"]!["count"]!.GetValue<int>();

    private static async Task<string> RootPathAsync(TestCompany company) =>
        (await company.Admin.GetGroupAsync(company.RootId))["fullPath"]!.GetValue<string>();

    private static string Line(string output, string containing) =>
        output.Split('\n').Single(l => l.Contains(containing, StringComparison.Ordinal)).TrimEnd();

    private async Task<string> WriteFileAsync(IEnumerable<string> lines, string header = "firstName,lastName,employeeId,groupRoles",
        string[]? prefix = null, string? username = null)
    {
        Directory.CreateDirectory(_files.Path);
        var path = Path.Combine(_files.Path, $"users-{Unique.Suffix()}.csv");
        var all = username is null ? lines.Prepend(header) : lines.Select(l => l + "," + username).Prepend(header + ",username");
        await File.WriteAllLinesAsync(path, (prefix ?? []).Concat(all));
        return path;
    }

    /// <summary>Runs a check once, when the first batch has been written (reports come synchronously from the import).</summary>
    internal sealed class AfterFirstBatch(Func<Task> check) : IProgress<ImportProgress>
    {
        private bool _done;

        public void Report(ImportProgress value)
        {
            if (value.Phase == ImportPhase.Writing && !_done)
            {
                _done = true;
                check().GetAwaiter().GetResult();
            }
        }
    }
}
