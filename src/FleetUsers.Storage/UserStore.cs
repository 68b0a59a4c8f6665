using Dapper;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Storage;

/// <summary>The statements that read and write users and their group roles.</summary>
public sealed class UserStore
{
    private const string Columns = """
        u.id, u.company_id, u.first_name, u.last_name, u.username, u.employee_id, u.email, u.cell_phone_country,
        u.cell_phone_number, u.status, u.login_enabled, u.password_hash, u.allow_video_search_download,
        u.allow_safety_event_download, u.primary_group_id, u.created_date, u.updated_date, u.last_login_date, u.version,
        u.security_stamp
        """;

    private const string InsertSql = """
        INSERT INTO users (id, company_id, first_name, last_name, username, username_key, employee_id, employee_id_key,
            email, cell_phone_country, cell_phone_number, status, login_enabled, password_hash,
            allow_video_search_download, allow_safety_event_download, primary_group_id, search_text,
            created_date, updated_date, last_login_date, version, last_name_key, first_name_key, security_stamp, import_id)
        VALUES (@Id, @CompanyId, @FirstName, @LastName, @Username, @UsernameKey, @EmployeeId, @EmployeeIdKey,
            @Email, @CellPhoneCountry, @CellPhoneNumber, @Status, @LoginEnabled, @PasswordHash,
            @AllowVideoSearchDownload, @AllowSafetyEventDownload, @PrimaryGroupId, @SearchText,
            @CreatedDate, @UpdatedDate, @LastLoginDate, @Version, @LastNameKey, @FirstNameKey, @SecurityStamp, @ImportId)
        """;

    /// <summary>
    /// The condition "the user (alias u) exists for readers": not written by an import that has
    /// not committed yet (see <see cref="UserImportStore"/>). Every read of users applies it; the
    /// uniqueness checks do not, so an import's rows hold their names while it runs.
    /// </summary>
    internal const string Visible =
        "(u.import_id IS NULL OR u.import_id IN (SELECT i.id FROM user_imports i WHERE i.committed_at IS NOT NULL))";

    /// <summary>
    /// <see cref="Visible"/> for reads over many users of one company (given by the SQL
    /// <paramref name="company"/>): when none of its imports is pending, as almost always, the
    /// rows' import_id is not even read, so a list or a count stays within its index.
    /// </summary>
    internal static string VisibleIn(string company) =>
        $"(NOT EXISTS (SELECT 1 FROM user_imports p WHERE p.company_id = {company} AND p.committed_at IS NULL) OR {Visible})";

    private const string InsertRoleSql = "INSERT INTO user_group_roles (user_id, group_id, role_id) VALUES (@UserId, @GroupId, @RoleId)";

    /// <summary>How many values one lookup statement carries.</summary>
    private const int LookupChunk = 500;

    private readonly StorageSession _session;

    internal UserStore(StorageSession session) => _session = session;

    /// <summary>The user with its group roles; <paramref name="forUpdate"/> locks the row until commit.</summary>
    public Task<StoredUser?> FindAsync(Guid companyId, Guid userId, bool forUpdate, CancellationToken ct) =>
        FindOneAsync("u.id = @userId AND u.company_id = @companyId", new { userId, companyId }, forUpdate, ct);

    public Task<StoredUser?> FindByUsernameAsync(Guid companyId, string username, CancellationToken ct) =>
        FindOneAsync("u.username_key = @key AND u.company_id = @companyId", new { key = StorageKeys.Username(username), companyId }, false, ct);

    public Task<StoredUser?> FindByEmployeeIdAsync(Guid companyId, string employeeId, CancellationToken ct) =>
        FindOneAsync("u.company_id = @companyId AND u.employee_id_key = @key", new { key = StorageKeys.EmployeeId(employeeId), companyId }, false, ct);

    /// <summary>Login looks a username up across every company: usernames are unique across all of them.</summary>
    public Task<StoredUser?> FindForLoginAsync(string username, CancellationToken ct) =>
        FindOneAsync("u.username_key = @key", new { key = StorageKeys.Username(username) }, false, ct);

    /// <summary>Held by another user of the company, letter case ignored.</summary>
    public async Task<bool> IsEmployeeIdTakenAsync(Guid companyId, string employeeId, Guid exceptUserId, CancellationToken ct) =>
        await _session.Connection.ExecuteScalarAsync<int?>(_session.Command(
            "SELECT 1 FROM users WHERE company_id = @companyId AND employee_id_key = @key AND id <> @exceptUserId",
            new { companyId, key = StorageKeys.EmployeeId(employeeId), exceptUserId }, ct)) is not null;

    /// <summary>Taken by anyone in any company, letter case ignored, other than the given user.</summary>
    public async Task<bool> IsUsernameTakenAsync(string username, Guid exceptUserId, CancellationToken ct) =>
        await _session.Connection.ExecuteScalarAsync<int?>(_session.Command(
            "SELECT 1 FROM users WHERE username_key = @key AND id <> @exceptUserId",
            new { key = StorageKeys.Username(username), exceptUserId }, ct)) is not null;

    public async Task InsertAsync(StoredUser user, CancellationToken ct)
    {
        await _session.ExecuteAsync(InsertSql, Parameters(user), ct);
        await InsertGroupRolesAsync(user.Id, user.GroupRoles, ct);
    }

    /// <summary>
    /// Inserts many users and their roles with two prepared statements: one batch of an import,
    /// invisible to readers until <paramref name="importId"/> commits.
    /// </summary>
    public async Task InsertManyAsync(IReadOnlyList<StoredUser> users, Guid importId, CancellationToken ct)
    {
        await _session.ExecuteAsync(InsertSql, users.Select(u => Parameters(u, importId)).ToList(), ct);
        await _session.ExecuteAsync(InsertRoleSql,
            users.SelectMany(u => u.GroupRoles.Select(r => new GroupRoleRow { UserId = u.Id, GroupId = r.GroupId, RoleId = r.RoleId })).ToList(), ct);
    }

    /// <summary>Which of the usernames (any letter case) someone in any company holds.</summary>
    public async Task<HashSet<string>> TakenUsernamesAsync(IEnumerable<string> usernames, CancellationToken ct)
    {
        var db = _session.Database;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in usernames.Select(StorageKeys.Username).Distinct().Chunk(LookupChunk))
        {
            taken.UnionWith(await _session.Connection.QueryAsync<string>(_session.Command(
                $"SELECT username_key FROM users WHERE {db.IsOneOf("username_key", "@keys")}", new { keys = db.ListOf(chunk) }, ct)));
        }
        return taken;
    }

    /// <summary>Which of the employee ids (any letter case) a user of the company holds.</summary>
    public async Task<HashSet<string>> TakenEmployeeIdsAsync(Guid companyId, IEnumerable<string> employeeIds, CancellationToken ct)
    {
        var db = _session.Database;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in employeeIds.Select(e => StorageKeys.EmployeeId(e)!).Distinct().Chunk(LookupChunk))
        {
            taken.UnionWith(await _session.Connection.QueryAsync<string>(_session.Command(
                $"SELECT employee_id_key FROM users WHERE company_id = @companyId AND {db.IsOneOf("employee_id_key", "@keys")}",
                new { companyId, keys = db.ListOf(chunk) }, ct)));
        }
        return taken;
    }

    /// <summary>
    /// A new password hash (an operator's reset) and a new security stamp, which ends the user's tokens:
    /// the user's version moves, so its ETag changes.
    /// </summary>
    public async Task SetPasswordAsync(Guid userId, string passwordHash, string securityStamp, DateTimeOffset now, CancellationToken ct) =>
        await _session.ExecuteAsync("""
            UPDATE users SET password_hash = @passwordHash, security_stamp = @securityStamp, updated_date = @now, version = version + 1
            WHERE id = @userId
            """, new { userId, passwordHash, securityStamp, now }, ct);

    /// <summary>Writes the user's row (and, when they changed, its group roles) if its version is still the expected one.</summary>
    public async Task<bool> UpdateAsync(StoredUser user, int expectedVersion, bool rolesChanged, CancellationToken ct)
    {
        var parameters = new DynamicParameters(Parameters(user));
        parameters.Add("ExpectedVersion", expectedVersion);
        var changed = await _session.ExecuteAsync("""
            UPDATE users SET first_name = @FirstName, last_name = @LastName, username = @Username,
                username_key = @UsernameKey, employee_id = @EmployeeId, employee_id_key = @EmployeeIdKey,
                email = @Email, cell_phone_country = @CellPhoneCountry, cell_phone_number = @CellPhoneNumber,
                status = @Status, login_enabled = @LoginEnabled, password_hash = @PasswordHash,
                allow_video_search_download = @AllowVideoSearchDownload, primary_group_id = @PrimaryGroupId,
                search_text = @SearchText, updated_date = @UpdatedDate, version = @Version,
                last_name_key = @LastNameKey, first_name_key = @FirstNameKey, security_stamp = @SecurityStamp
            WHERE id = @Id AND version = @ExpectedVersion
            """, parameters, ct);
        if (changed == 0 || !rolesChanged)
        {
            return changed == 1;
        }
        await _session.ExecuteAsync("DELETE FROM user_group_roles WHERE user_id = @userId", new { userId = user.Id }, ct);
        await InsertGroupRolesAsync(user.Id, user.GroupRoles, ct);
        return true;
    }

    /// <summary>Removes the user and its group roles (its audit trail stays). False when there was no such user in the company.</summary>
    public async Task<bool> DeleteAsync(Guid companyId, Guid userId, CancellationToken ct) =>
        await _session.ExecuteAsync("DELETE FROM users WHERE id = @userId AND company_id = @companyId", new { userId, companyId }, ct) == 1;

    /// <summary>One page of the filtered users, in name order, and how many match in all.</summary>
    public async Task<(int Total, List<StoredUser> Page)> ListAsync(UserListFilter filter, CancellationToken ct)
    {
        var (where, parameters) = ListConditions(filter);
        var page = await PageAsync(filter, where, parameters, ct);
        // A page that is not full and not past the end is the last one, so it gives the total:
        // most searches match fewer users than a page and skip a second pass over the index.
        var total = page.Count < filter.Limit && (page.Count > 0 || filter.Offset == 0)
            ? filter.Offset + page.Count
            : await _session.Connection.ExecuteScalarAsync<int>(
                _session.Command($"SELECT COUNT(*) FROM users u WHERE {where}", parameters, ct));
        return (total, page);
    }

    /// <summary>One page of the filtered users, in name order, without counting them all (for callers that walk every page).</summary>
    public Task<List<StoredUser>> PageAsync(UserListFilter filter, CancellationToken ct)
    {
        var (where, parameters) = ListConditions(filter);
        return PageAsync(filter, where, parameters, ct);
    }

    private async Task<List<StoredUser>> PageAsync(UserListFilter filter, string where, DynamicParameters conditions, CancellationToken ct)
    {
        var direction = filter.Descending ? "DESC" : "ASC";
        var paging = new DynamicParameters(conditions);
        paging.Add("limit", filter.Limit);
        paging.Add("offset", filter.Offset);
        var page = (await _session.Connection.QueryAsync<StoredUser>(_session.Command(
            $"""
            SELECT {Columns} FROM users u WHERE {where}
            ORDER BY u.last_name_key {direction}, u.first_name_key {direction}, u.id {direction}
            LIMIT @limit OFFSET @offset
            """, paging, ct))).AsList();
        await LoadGroupRolesAsync(page, ct);
        return page;
    }

    /// <summary>
    /// Records a login (and the password rehashed at the current cost, if it was), provided the user still
    /// has the password hash and the security stamp the login read: a reset or a revoking change that landed while
    /// the password was being checked is kept, and the login is false.
    /// </summary>
    public async Task<bool> RecordLoginAsync(Guid userId, DateTimeOffset when, string verifiedHash, string securityStamp,
        string? rehashedPassword, CancellationToken ct) =>
        await _session.ExecuteAsync("""
            UPDATE users SET last_login_date = @when, password_hash = COALESCE(@rehashedPassword, password_hash)
            WHERE id = @userId AND password_hash = @verifiedHash AND security_stamp = @securityStamp
            """, new { userId, when, verifiedHash, securityStamp, rehashedPassword }, ct) == 1;

    private (string Where, DynamicParameters Parameters) ListConditions(UserListFilter filter)
    {
        var db = _session.Database;
        var conditions = new List<string> { db.CompanyCondition(filter.SearchText), VisibleIn("@companyId") };
        var parameters = new DynamicParameters(new { companyId = filter.CompanyId });
        if (filter.InGroups is { } groups)
        {
            var roleCondition = filter.RoleIds is { Count: > 0 } ? $" AND {db.IsOneOf("r.role_id", "@roleIds")}" : "";
            conditions.Add($"EXISTS (SELECT 1 FROM user_group_roles r WHERE r.user_id = u.id AND {db.IsOneOf("r.group_id", "@inGroups")}{roleCondition})");
            parameters.Add("inGroups", db.ListOf(groups));
        }
        else if (filter.RoleIds is { Count: > 0 })
        {
            conditions.Add($"EXISTS (SELECT 1 FROM user_group_roles r WHERE r.user_id = u.id AND {db.IsOneOf("r.role_id", "@roleIds")})");
        }
        if (filter.RoleIds is { Count: > 0 } roleIds)
        {
            parameters.Add("roleIds", db.ListOf(roleIds));
        }
        if (filter.ReadableGroups is { } readable)
        {
            conditions.Add($"EXISTS (SELECT 1 FROM user_group_roles s WHERE s.user_id = u.id AND {db.IsOneOf("s.group_id", "@readable")})");
            parameters.Add("readable", db.ListOf(readable));
        }
        if (filter.Statuses is { Count: > 0 } statuses)
        {
            conditions.Add(db.IsOneOf("u.status", "@statuses"));
            parameters.Add("statuses", db.ListOf(statuses));
        }
        if (filter.LoginEnabled is { } loginEnabled)
        {
            conditions.Add("u.login_enabled = @loginEnabled");
            parameters.Add("loginEnabled", loginEnabled);
        }
        if (!string.IsNullOrEmpty(filter.SearchText))
        {
            conditions.Add(db.SearchCondition(filter.SearchText));
            parameters.Add("search", StorageKeys.ContainsPattern(filter.SearchText));
            parameters.Add("phrase", StorageKeys.Phrase(filter.SearchText));
        }
        return (string.Join(" AND ", conditions), parameters);
    }

    /// <summary>
    /// One user and its roles. A plain read takes one statement (a row per role). A read for
    /// update takes two: lock the user row, then read its roles. In one statement PostgreSQL
    /// would wait for the lock and then return the roles as they were before the other
    /// writer committed — a lost update.
    /// </summary>
    private async Task<StoredUser?> FindOneAsync(string where, object parameters, bool forUpdate, CancellationToken ct)
    {
        if (forUpdate)
        {
            var locked = await _session.Connection.QuerySingleOrDefaultAsync<StoredUser>(_session.Command(
                $"SELECT {Columns} FROM users u WHERE {where} AND {Visible}{_session.Database.ForUpdate}", parameters, ct));
            if (locked is not null)
            {
                await LoadGroupRolesAsync([locked], ct);
            }
            return locked;
        }
        StoredUser? user = null;
        await _session.Connection.QueryAsync<StoredUser, GroupRoleRow?, StoredUser?>(_session.Command(
            $"""
            SELECT {Columns}, r.group_id, r.role_id
            FROM users u LEFT JOIN user_group_roles r ON r.user_id = u.id
            WHERE {where} AND {Visible}
            """, parameters, ct),
            (row, role) =>
            {
                user ??= row;
                if (role is not null)
                {
                    user.GroupRoles.Add(new GroupRole(role.GroupId, role.RoleId));
                }
                return user;
            },
            splitOn: "group_id");
        return user;
    }

    private async Task LoadGroupRolesAsync(List<StoredUser> users, CancellationToken ct)
    {
        if (users.Count == 0)
        {
            return;
        }
        var byId = users.ToDictionary(u => u.Id);
        var db = _session.Database;
        var rows = users.Count == 1
            ? await _session.Connection.QueryAsync<GroupRoleRow>(_session.Command(
                "SELECT user_id, group_id, role_id FROM user_group_roles WHERE user_id = @userId", new { userId = users[0].Id }, ct))
            : await _session.Connection.QueryAsync<GroupRoleRow>(_session.Command(
                $"SELECT user_id, group_id, role_id FROM user_group_roles WHERE {db.IsOneOf("user_id", "@userIds")}",
                new { userIds = db.ListOf(byId.Keys) }, ct));
        foreach (var row in rows)
        {
            byId[row.UserId].GroupRoles.Add(new GroupRole(row.GroupId, row.RoleId));
        }
    }

    private async Task InsertGroupRolesAsync(Guid userId, IEnumerable<GroupRole> roles, CancellationToken ct) =>
        await _session.ExecuteAsync(
            InsertRoleSql,
            roles.Select(r => new GroupRoleRow { UserId = userId, GroupId = r.GroupId, RoleId = r.RoleId }).ToList(), ct);

    private static object Parameters(StoredUser user) => Parameters(user, importId: null);

    private static object Parameters(StoredUser user, Guid? importId) => new
    {
        user.Id,
        user.CompanyId,
        user.FirstName,
        user.LastName,
        user.Username,
        UsernameKey = StorageKeys.Username(user.Username),
        user.EmployeeId,
        EmployeeIdKey = StorageKeys.EmployeeId(user.EmployeeId),
        user.Email,
        user.CellPhoneCountry,
        user.CellPhoneNumber,
        user.Status,
        user.LoginEnabled,
        user.PasswordHash,
        user.AllowVideoSearchDownload,
        user.AllowSafetyEventDownload,
        user.PrimaryGroupId,
        SearchText = StorageKeys.SearchText(user.FirstName, user.LastName, user.Username, user.EmployeeId),
        user.CreatedDate,
        user.UpdatedDate,
        user.LastLoginDate,
        user.Version,
        LastNameKey = StorageKeys.SortKey(user.LastName),
        FirstNameKey = StorageKeys.SortKey(user.FirstName),
        user.SecurityStamp,
        ImportId = importId,
    };

    private sealed class GroupRoleRow
    {
        public Guid UserId { get; set; }
        public Guid GroupId { get; set; }
        public int RoleId { get; set; }
    }
}
