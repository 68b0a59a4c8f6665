using FleetUsers.Application.Users;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;
using FleetUsers.Storage;

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
public sealed class UserImportService(Database database, UserImportWriter writer, TimeProvider clock)
{
    private const int ProgressStep = 1_000;

    /// <summary>
    /// Checks every row, then writes all or nothing. <paramref name="unreadableRows"/> are rows
    /// the file format already refused (not valid CSV, say): they are reported with the rest
    /// and, like any bad row, keep the whole file from being imported.
    /// </summary>
    public async Task<ImportReport> ImportAsync(Guid companyId, IReadOnlyList<UserFileRow> rows, IReadOnlyList<ImportProblem> unreadableRows,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var total = rows.Count + unreadableRows.Select(p => p.Line).Distinct().Count();
        var problems = new List<ImportProblem>(unreadableRows);
        await writer.RemoveAbandonedAsync(ct); // their invisible users would be reported as taking the names
        List<(UserFileRow Row, ValidUser User)> checkedRows;
        List<StoredUser> users;
        // Read sessions only: other writers go on while the file is checked. A name taken after
        // this check is caught by the unique indexes when its batch is written.
        await using (var read = await database.BeginAsync(write: false, ct))
        {
            var tree = await read.Groups.LoadTreeAsync(companyId, ct);
            checkedRows = CheckRows(rows, tree, problems, progress);
            ReportDuplicates(checkedRows, u => u.Username, "username", problems);
            ReportDuplicates(checkedRows, u => u.EmployeeId, "employeeId", problems);
            await ReportTakenAsync(read, companyId, checkedRows, problems, meanwhile: false, ct);
            if (problems.Count > 0)
            {
                return new ImportReport(total, 0, problems.OrderBy(p => p.Line).ToList());
            }
            users = await BuildUsersAsync(read, companyId, checkedRows, ct);
        }
        var outcome = await writer.WriteAsync(companyId, users, progress, ct);
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

    /// <summary>After a batch met a name another writer took since the check: which rows, by line (the import's own rows are gone again).</summary>
    private async Task<List<ImportProblem>> TakenMeanwhileAsync(Guid companyId, List<(UserFileRow Row, ValidUser User)> rows,
        List<StoredUser> users, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        await using (var read = await database.BeginAsync(write: false, ct))
        {
            // Generated usernames count too: the check saw them free.
            var asWritten = rows.Select((r, i) => (r.Row, r.User with { Username = users[i].Username })).ToList();
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
            var (user, rowProblems) = UserRules.Check(ToDraft(row, groups), context);
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

    /// <summary>The row as the API would have received it: a draft for the same rules.</summary>
    private static UserDraft ToDraft(UserFileRow row, UserFileFormat.GroupFinder groups)
    {
        var problems = new List<string>();
        var groupRoles = ReadGroupRoles(row.GroupRoles, groups, problems);
        Guid? primary = null;
        if (!string.IsNullOrWhiteSpace(row.PrimaryGroup))
        {
            primary = groups.Find(row.PrimaryGroup);
            if (primary is null)
            {
                problems.Add($"primaryGroup {row.PrimaryGroup} is not a group of this company");
            }
        }
        bool? videoDownload = string.IsNullOrWhiteSpace(row.AllowVideoSearchDownload) ? false
            : bool.TryParse(row.AllowVideoSearchDownload.Trim(), out var flag) ? flag : null;
        if (videoDownload is null)
        {
            problems.Add("allowVideoSearchDownload must be true or false");
        }
        return new UserDraft
        {
            FirstName = row.FirstName,
            LastName = row.LastName,
            Username = row.Username,
            EmployeeId = row.EmployeeId,
            Email = row.Email,
            CellPhoneCountry = row.CellPhoneCountry,
            CellPhoneNumber = row.CellPhoneNumber,
            Status = string.IsNullOrWhiteSpace(row.Status) ? UserStatus.Active : row.Status,
            LoginEnabled = false,
            AllowVideoSearchDownload = videoDownload,
            GroupRoles = groupRoles,
            PrimaryGroupId = primary,
            ReadProblems = problems,
        };
    }

    private static List<GroupRole>? ReadGroupRoles(string text, UserFileFormat.GroupFinder groups, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add("groupRoles is required: group:role pairs separated by ;");
            return null;
        }
        var roles = new List<GroupRole>();
        var pairs = text.Split(UserFileFormat.PairSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < pairs.Length; i++)
        {
            var colon = pairs[i].LastIndexOf(UserFileFormat.RoleSeparator);
            if (colon <= 0)
            {
                problems.Add($"groupRoles[{i}] {pairs[i]} must be group:role");
                continue;
            }
            var group = groups.Find(pairs[i][..colon]);
            var role = UserFileFormat.FindRole(pairs[i][(colon + 1)..]);
            if (group is null)
            {
                problems.Add($"groupRoles[{i}] group {pairs[i][..colon]} is not a group of this company");
            }
            if (role is null)
            {
                problems.Add($"groupRoles[{i}] role {pairs[i][(colon + 1)..]} is not a role of the catalogue ({string.Join(", ", RoleCatalog.All.Select(r => r.Name))})");
            }
            if (group is { } g && role is { } r)
            {
                roles.Add(new GroupRole(g, r));
            }
        }
        return roles.Count == pairs.Length && pairs.Length > 0 ? roles : null;
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

    private static async Task ReportTakenAsync(StorageSession session, Guid companyId, List<(UserFileRow Row, ValidUser User)> rows,
        List<ImportProblem> problems, bool meanwhile, CancellationToken ct)
    {
        var (taken, by) = meanwhile ? ("was taken", " by another request during the import") : ("is already taken", "");
        var takenNames = await session.Users.TakenUsernamesAsync(rows.Select(r => r.User.Username).OfType<string>(), ct);
        var takenIds = await session.Users.TakenEmployeeIdsAsync(companyId, rows.Select(r => r.User.EmployeeId).OfType<string>(), ct);
        foreach (var (row, user) in rows)
        {
            if (user.Username is { } username && takenNames.Contains(StorageKeys.Username(username)))
            {
                problems.Add(new ImportProblem(row.Line, $"username {username} {taken}{by}"));
            }
            if (user.EmployeeId is { } employeeId && takenIds.Contains(StorageKeys.EmployeeId(employeeId)!))
            {
                problems.Add(new ImportProblem(row.Line, $"employeeId {employeeId} {taken} in this company{by}"));
            }
        }
    }

    /// <summary>The users to insert; rows without a username get one generated, as the API would.</summary>
    private async Task<List<StoredUser>> BuildUsersAsync(StorageSession session, Guid companyId, List<(UserFileRow Row, ValidUser User)> rows, CancellationToken ct)
    {
        var now = clock.Now();
        var ids = rows.Select(_ => Guid.CreateVersion7(now)).ToList();
        var firstChoices = rows.Select((r, i) => r.User.Username is null
            ? UsernameGenerator.Candidates(r.User.FirstName, r.User.LastName, r.User.EmployeeId, ids[i]).First()
            : null).ToList();
        var used = await session.Users.TakenUsernamesAsync(firstChoices.OfType<string>(), ct);
        used.UnionWith(rows.Select(r => r.User.Username).OfType<string>().Select(StorageKeys.Username));

        var users = new List<StoredUser>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var valid = rows[i].User;
            var username = valid.Username ?? await GenerateAsync(session, valid, ids[i], firstChoices[i]!, used, ct);
            var user = new StoredUser { Id = ids[i], CompanyId = companyId, CreatedDate = now, UpdatedDate = now, Version = 1 };
            user.CopyFrom(valid, username); // loginEnabled is false: an import sets no password
            users.Add(user);
        }
        return users;
    }

    /// <summary>The first free candidate; the first choice was checked in bulk, later ones (rare) one by one.</summary>
    private static async Task<string> GenerateAsync(StorageSession session, ValidUser user, Guid id, string firstChoice,
        HashSet<string> used, CancellationToken ct)
    {
        if (used.Add(StorageKeys.Username(firstChoice)))
        {
            return firstChoice;
        }
        foreach (var candidate in UsernameGenerator.Candidates(user.FirstName, user.LastName, user.EmployeeId, id).Skip(1))
        {
            if (!used.Contains(StorageKeys.Username(candidate)) && !await session.Users.IsUsernameTakenAsync(candidate, id, ct))
            {
                used.Add(StorageKeys.Username(candidate));
                return candidate;
            }
        }
        throw new InvalidOperationException("The username candidates never end.");
    }
}
