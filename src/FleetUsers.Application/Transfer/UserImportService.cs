using FleetUsers.Application.Changes;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Transfer;

/// <summary>One bad row of an import file: where it is, and what is wrong with it.</summary>
public sealed record ImportProblem(int Line, string Message);

/// <summary>What an import did: nothing when any row was bad (and then every bad row is listed).</summary>
public sealed record ImportReport(int Rows, int Imported, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

public enum ImportPhase
{
    Checking,
    Writing,
}

public sealed record ImportProgress(ImportPhase Phase, int Done, int Total);

/// <summary>
/// Imports users into a company from a file's rows, all or nothing: every row is checked
/// with the API's rules (<see cref="UserRules"/>, username and employee id uniqueness, in the
/// file and in the store), outside any write transaction; if any row is bad nothing is written
/// and every bad row is reported by line; otherwise <see cref="UserImportWriter"/> writes them
/// in short batches that become visible together. Imported users cannot log in until an
/// administrator gives them a password (the file carries none).
/// </summary>
public sealed class UserImportService(IDatabase database, UserImportWriter writer, TimeProvider clock)
{
    private const int ProgressStep = 1_000;

    /// <summary>
    /// The operator's import (the command line): into any group of the company. Checks every row,
    /// then writes all or nothing. <paramref name="unreadableRows"/> are rows the file format
    /// already refused (not valid CSV, say): they are reported with the rest and, like any bad
    /// row, keep the whole file from being imported.
    /// </summary>
    public Task<ImportReport> ImportAsync(Guid companyId, IReadOnlyList<UserFileRow> rows, IReadOnlyList<ImportProblem> unreadableRows,
        IProgress<ImportProgress>? progress, CancellationToken ct) =>
        RunAsync(new ImportScope(companyId, ChangeRecorder.Operator, null), rows, unreadableRows, write: true, progress, ct);

    /// <summary>
    /// A person's import (the console): as <see cref="ImportAsync(Guid, IReadOnlyList{UserFileRow}, IReadOnlyList{ImportProblem}, IProgress{ImportProgress}?, CancellationToken)"/>,
    /// within the caller's reach (a row placing a user in a group it does not administer is a bad
    /// row, where the API would answer 403), recorded as the caller's change. 403 when the caller
    /// administers no group, as for <c>POST /v1/users</c>.
    /// </summary>
    public Task<ImportReport> ImportAsync(Caller caller, IReadOnlyList<UserFileRow> rows, IReadOnlyList<ImportProblem> unreadableRows,
        CancellationToken ct) =>
        RunAsync(new ImportScope(caller.CompanyId, caller.Actor, caller), rows, unreadableRows, write: true, null, ct);

    /// <summary>The same checks as the caller's import, writing nothing: the report a person reads before committing.</summary>
    public Task<ImportReport> CheckAsync(Caller caller, IReadOnlyList<UserFileRow> rows, IReadOnlyList<ImportProblem> unreadableRows,
        CancellationToken ct) =>
        RunAsync(new ImportScope(caller.CompanyId, caller.Actor, caller), rows, unreadableRows, write: false, null, ct);

    /// <summary>Whose import: the company, who is recorded as making it, and the caller whose reach bounds it (none: the operator).</summary>
    private sealed record ImportScope(Guid CompanyId, AuditActor Actor, Caller? Caller);

    private async Task<ImportReport> RunAsync(ImportScope scope, IReadOnlyList<UserFileRow> rows, IReadOnlyList<ImportProblem> unreadableRows,
        bool write, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var companyId = scope.CompanyId;
        var total = rows.Count + unreadableRows.Select(p => p.Line).Distinct().Count();
        var problems = new List<ImportProblem>(unreadableRows);
        if (write)
        {
            await writer.RemoveAbandonedAsync(ct); // their invisible users would be reported as taking the names
        }
        List<(UserFileRow Row, ValidUser User)> checkedRows;
        List<UserAccount> users;
        // Read sessions only: other writers go on while the file is checked. A name taken after
        // this check is caught by the unique indexes when its batch is written.
        await using (var read = await database.BeginAsync(write: false, ct))
        {
            var tree = await read.Groups.LoadTreeAsync(companyId, ct);
            var reach = scope.Caller is { } caller ? Reach.Of(caller, tree) : null;
            if (reach is { ManageableGroups.Count: 0 })
            {
                throw new ForbiddenException();
            }
            checkedRows = CheckRows(rows, tree, problems, progress);
            if (reach is not null)
            {
                ReportOutsideReach(checkedRows, reach, tree, problems);
            }
            ReportDuplicates(checkedRows, u => u.Profile.Username, "username", problems);
            ReportDuplicates(checkedRows, u => u.Profile.EmployeeId, "employeeId", problems);
            await ReportTakenAsync(read, companyId, checkedRows, problems, meanwhile: false, ct);
            if (problems.Count > 0 || !write)
            {
                return new ImportReport(total, 0, problems.OrderBy(p => p.Line).ToList());
            }
            users = await BuildUsersAsync(read, companyId, checkedRows, ct);
        }
        var outcome = await writer.WriteAsync(companyId, scope.Actor, users, progress, ct);
        return outcome switch
        {
            ImportWriteOutcome.Committed => new ImportReport(total, users.Count, []),
            ImportWriteOutcome.NameTaken => new ImportReport(total, 0, await TakenMeanwhileAsync(companyId, checkedRows, users, ct)),
            ImportWriteOutcome.GroupDeleted => new ImportReport(total, 0,
                [new ImportProblem(0, "a group of the file was deleted during the import; nothing was imported, run it again")]),
            _ => new ImportReport(total, 0,
                [new ImportProblem(0, "the import was interrupted (silent for too long) and removed; nothing was imported, run it again")]),
        };
    }

    /// <summary>
    /// A row giving its user a role or primary group the caller does not administer: the API would
    /// refuse that user with 403 (<see cref="UserForChange.RequireManagerOf"/>); here it is that row's problem.
    /// </summary>
    private static void ReportOutsideReach(List<(UserFileRow Row, ValidUser User)> rows, Reach reach, GroupTree tree, List<ImportProblem> problems)
    {
        foreach (var (row, valid) in rows)
        {
            var profile = valid.Profile;
            foreach (var groupId in profile.GroupRoles.Select(r => r.GroupId).Distinct().Where(g => !reach.CanManageGroup(g)))
            {
                problems.Add(new ImportProblem(row.Line, $"groupRoles group {tree.FullPath(groupId)} is outside your reach: you may place users only in groups you administer"));
            }
            if (profile.PrimaryGroupId is { } primary && !reach.CanManageGroup(primary))
            {
                problems.Add(new ImportProblem(row.Line, $"primaryGroup {tree.FullPath(primary)} is outside your reach: you may place users only in groups you administer"));
            }
        }
    }

    /// <summary>After a batch met a name another writer took since the check: which rows, by line (the import's own rows are gone again).</summary>
    private async Task<List<ImportProblem>> TakenMeanwhileAsync(Guid companyId, List<(UserFileRow Row, ValidUser User)> rows,
        List<UserAccount> users, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        await using (var read = await database.BeginAsync(write: false, ct))
        {
            // Generated usernames count too: the check saw them free.
            var asWritten = rows.Select((r, i) => (r.Row, r.User with { Profile = r.User.Profile with { Username = users[i].Username } })).ToList();
            await ReportTakenAsync(read, companyId, asWritten, problems, meanwhile: true, ct);
        }
        return problems.Count > 0
            ? problems.OrderBy(p => p.Line).ToList()
            : [new ImportProblem(0, "a username or employeeId of the file was taken by another request during the import; nothing was imported, run it again")];
    }

    private static List<(UserFileRow Row, ValidUser User)> CheckRows(
        IReadOnlyList<UserFileRow> rows, GroupTree tree, List<ImportProblem> problems, IProgress<ImportProgress>? progress)
    {
        var groups = new UserFileFormat.GroupFinder(tree);
        var context = new UserRuleContext(tree, HasStoredPassword: false);
        var valid = new List<(UserFileRow, ValidUser)>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var (user, rowProblems) = UserRules.Check(UserFileRows.ToDraft(row, groups), context);
            if (user is null)
            {
                problems.AddRange(rowProblems.Select(p => new ImportProblem(row.Line, p)));
            }
            else
            {
                valid.Add((row, user));
            }
            if ((i + 1) % ProgressStep == 0 || i + 1 == rows.Count)
            {
                progress?.Report(new ImportProgress(ImportPhase.Checking, i + 1, rows.Count));
            }
        }
        return valid;
    }

    /// <summary>A value two rows of the file claim: the later row is bad, and says where the first one is.</summary>
    private static void ReportDuplicates(List<(UserFileRow Row, ValidUser User)> rows, Func<ValidUser, string?> value, string field, List<ImportProblem> problems)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, user) in rows)
        {
            if (value(user) is not { } text)
            {
                continue;
            }
            if (!firstLine.TryAdd(text.ToLowerInvariant(), row.Line))
            {
                problems.Add(new ImportProblem(row.Line, $"{field} {text} is also on line {firstLine[text.ToLowerInvariant()]}"));
            }
        }
    }

    private static async Task ReportTakenAsync(IStorageSession session, Guid companyId, List<(UserFileRow Row, ValidUser User)> rows,
        List<ImportProblem> problems, bool meanwhile, CancellationToken ct)
    {
        var (taken, by) = meanwhile ? ("was taken", " by another request during the import") : ("is already taken", "");
        var takenNames = await session.Users.TakenUsernamesAsync(rows.Select(r => r.User.Profile.Username).OfType<string>(), ct);
        var takenIds = await session.Users.TakenEmployeeIdsAsync(companyId, rows.Select(r => r.User.Profile.EmployeeId).OfType<string>(), ct);
        foreach (var (row, valid) in rows)
        {
            var user = valid.Profile;
            if (user.Username is { } username && takenNames.Contains(NameKeys.Username(username)))
            {
                problems.Add(new ImportProblem(row.Line, $"username {username} {taken}{by}"));
            }
            if (user.EmployeeId is { } employeeId && takenIds.Contains(NameKeys.EmployeeId(employeeId)!))
            {
                problems.Add(new ImportProblem(row.Line, $"employeeId {employeeId} {taken} in this company{by}"));
            }
        }
    }

    /// <summary>The users to insert; rows without a username get one generated, as the API would.</summary>
    private async Task<List<UserAccount>> BuildUsersAsync(IStorageSession session, Guid companyId, List<(UserFileRow Row, ValidUser User)> rows, CancellationToken ct)
    {
        var now = clock.Now();
        var ids = rows.Select(_ => Guid.CreateVersion7(now)).ToList();
        var firstChoices = rows.Select((r, i) => r.User.Profile is { Username: null } profile
            ? UsernameGenerator.Candidates(profile.FirstName, profile.LastName, profile.EmployeeId, ids[i]).First()
            : null).ToList();
        var used = await session.Users.TakenUsernamesAsync(firstChoices.OfType<string>(), ct);
        used.UnionWith(rows.Select(r => r.User.Profile.Username).OfType<string>().Select(NameKeys.Username));

        var users = new List<UserAccount>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var valid = rows[i].User.Profile;
            var username = valid.Username ?? await GenerateAsync(session, valid, ids[i], firstChoices[i]!, used, ct);
            // loginEnabled is false: an import sets no password
            users.Add(new UserAccount
            {
                Id = ids[i],
                CompanyId = companyId,
                Profile = valid with { Username = username },
                CreatedDate = now,
                UpdatedDate = now,
                Version = 1,
            });
        }
        return users;
    }

    /// <summary>The first free candidate; the first choice was checked in bulk, later ones (rare) one by one.</summary>
    private static async Task<string> GenerateAsync(IStorageSession session, UserProfile user, Guid id, string firstChoice,
        HashSet<string> used, CancellationToken ct)
    {
        if (used.Add(NameKeys.Username(firstChoice)))
        {
            return firstChoice;
        }
        foreach (var candidate in UsernameGenerator.Candidates(user.FirstName, user.LastName, user.EmployeeId, id).Skip(1))
        {
            if (!used.Contains(NameKeys.Username(candidate)) && !await session.Users.IsUsernameTakenAsync(candidate, id, ct))
            {
                used.Add(NameKeys.Username(candidate));
                return candidate;
            }
        }
        throw new InvalidOperationException("The username candidates never end.");
    }
}
