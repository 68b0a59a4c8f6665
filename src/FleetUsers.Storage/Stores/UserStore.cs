using System.Data.Common;
using Dapper;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Storage.Stores;

/// <summary>The statements that read and write users and their group roles.</summary>
internal sealed class UserStore(SqlSession session) : IUserStore
{
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

    /// <summary>
    /// The number of visible users of a company (given by the SQL <paramref name="company"/>), or with
    /// <paramref name="scim"/> of those SCIM sees (not SCIM-removed): the sum of its counts, which triggers keep in
    /// every change's transaction (migration 0160), so a total over the whole company does not count its users.
    /// </summary>
    internal static string CountedUsersOf(string company, bool scim = false) =>
        $"(SELECT CAST(COALESCE(SUM(n.visible_users{(scim ? " - n.scim_removed_users" : "")}), 0) AS bigint) FROM company_user_counts n WHERE n.company_id = {company})";

    /// <summary>
    /// The rows this session read for a change (or wrote since), by user: what its update compares, to write only
    /// what changed. Made at the first such read: most sessions (every GET) make none.
    /// </summary>
    private Dictionary<Guid, object?[]>? _readForChange;

    private const string InsertRoleSql = "INSERT INTO user_group_roles (user_id, group_id, role_id) VALUES (@UserId, @GroupId, @RoleId)";

    /// <summary>How many values one lookup statement carries.</summary>
    private const int LookupChunk = 500;

    public Task<UserAccount?> FindAsync(Guid companyId, Guid userId, bool forUpdate, CancellationToken ct) =>
        FindOneAsync("u.id = @userId AND u.company_id = @companyId", new { userId, companyId }, forUpdate, ct);

    public async Task<(UserAccount? User, GroupTree Tree)> FindWithTreeAsync(Guid companyId, Guid userId, bool forUpdate, CancellationToken ct)
    {
        if (!session.Connection.CanCreateBatch)
        {
            return (await FindAsync(companyId, userId, forUpdate, ct), await session.Groups.LoadTreeAsync(companyId, ct));
        }
        // The same statements in the same order, in one batch: the user (locked, then its roles: see FindOneAsync), then the tree's version.
        UserAccount? user;
        long treeVersion;
        const string where = "u.id = @userId AND u.company_id = @companyId";
        var parameters = new { userId, companyId };
        await using (var batch = await ReadBatch.StartAsync(session, ct))
        {
            if (forUpdate)
            {
                batch.Add(LockedSql(where), parameters);
                batch.Add(RolesOfOneSql, new { userId });
            }
            else
            {
                batch.Add(WithRolesSql(where), parameters);
            }
            batch.Add(GroupStore.TreeVersionSql, new { companyId });
            await using var reader = await batch.ExecuteReaderAsync(ct);
            if (forUpdate)
            {
                user = RememberedForChange((await ReadUsersAsync(reader, ct)).SingleOrDefault());
                await reader.NextResultAsync(ct);
                var roles = new List<GroupRole>();
                while (await reader.ReadAsync(ct))
                {
                    roles.Add(new GroupRole(ColumnValues.Guid(reader.GetValue(1)), ColumnValues.Int32(reader, 2)));
                }
                if (user is not null)
                {
                    user.Profile = user.Profile with { GroupRoles = roles };
                }
            }
            else
            {
                user = await ReadUserWithRolesAsync(reader, ct);
            }
            await reader.NextResultAsync(ct);
            treeVersion = await reader.ReadAsync(ct) ? reader.GetInt64(0) : 0;
        }
        return (user, await ((GroupStore)session.Groups).TreeAtAsync(companyId, treeVersion, ct));
    }

    /// <summary>
    /// The version of a remembered caller's user, if it still has its company and security stamp: what
    /// <see cref="Application.Auth.CallerConfirmation"/> checks (see <see cref="SqlSession"/> and <see cref="ReadBatch"/>).
    /// </summary>
    internal const string CallerVersionSql = "SELECT version FROM users WHERE id = @userId AND company_id = @companyId AND security_stamp = @securityStamp";

    internal static object CallerVersionParameters(Application.Auth.CallerConfirmation owed) =>
        new { userId = owed.UserId, companyId = owed.CompanyId, securityStamp = owed.SecurityStamp };

    public Task<UserAccount?> FindByUsernameAsync(Guid companyId, string username, CancellationToken ct) =>
        FindOneAsync("u.username_key = @key AND u.company_id = @companyId", new { key = NameKeys.Username(username), companyId }, false, ct);

    public Task<UserAccount?> FindByEmployeeIdAsync(Guid companyId, string employeeId, CancellationToken ct) =>
        FindOneAsync("u.company_id = @companyId AND u.employee_id_key = @key", new { key = NameKeys.EmployeeId(employeeId), companyId }, false, ct);

    public Task<UserAccount?> FindForLoginAsync(string username, CancellationToken ct) =>
        FindOneAsync("u.username_key = @key", new { key = NameKeys.Username(username) }, false, ct);

    public async Task<bool> IsEmployeeIdTakenAsync(Guid companyId, string employeeId, Guid exceptUserId, CancellationToken ct) =>
        await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<int?>(session.Command(
            "SELECT 1 FROM users WHERE company_id = @companyId AND employee_id_key = @key AND id <> @exceptUserId",
            new { companyId, key = NameKeys.EmployeeId(employeeId), exceptUserId }, ct)) is not null;

    public async Task<bool> IsUsernameTakenAsync(string username, Guid exceptUserId, CancellationToken ct) =>
        await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<int?>(session.Command(
            "SELECT 1 FROM users WHERE username_key = @key AND id <> @exceptUserId",
            new { key = NameKeys.Username(username), exceptUserId }, ct)) is not null;

    /// <summary>
    /// The user and its roles, held back to go with the commit where the session batches writes (one round trip for
    /// them all on PostgreSQL): a taken name or a group removed meanwhile is refused there, as the commit's error.
    /// </summary>
    public async Task InsertAsync(UserAccount user, CancellationToken ct)
    {
        await session.WriteWithCommitAsync(UserRows.InsertSql, UserRows.Parameters(user), ct);
        foreach (var role in user.GroupRoles)
        {
            await session.WriteWithCommitAsync(InsertRoleSql, new GroupRoleRow { UserId = user.Id, GroupId = role.GroupId, RoleId = role.RoleId }, ct);
        }
    }

    /// <summary>Inserts many users and their roles with two prepared statements.</summary>
    public async Task InsertManyAsync(IReadOnlyList<UserAccount> users, Guid importId, CancellationToken ct)
    {
        await session.ExecuteAsync(UserRows.InsertSql, users.Select(u => UserRows.Parameters(u, importId)).ToList(), ct);
        await session.ExecuteAsync(InsertRoleSql,
            users.SelectMany(u => u.GroupRoles.Select(r => new GroupRoleRow { UserId = u.Id, GroupId = r.GroupId, RoleId = r.RoleId })).ToList(), ct);
    }

    public async Task<HashSet<string>> TakenUsernamesAsync(IEnumerable<string> usernames, CancellationToken ct)
    {
        var dialect = session.Database.Dialect;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in usernames.Select(NameKeys.Username).Distinct().Chunk(LookupChunk))
        {
            taken.UnionWith(await (await session.ConnectionAsync(ct)).QueryAsync<string>(session.Command(
                $"SELECT username_key FROM users WHERE {dialect.IsOneOf("username_key", "@keys")}", new { keys = dialect.ListOf(chunk) }, ct)));
        }
        return taken;
    }

    public async Task<HashSet<string>> TakenEmployeeIdsAsync(Guid companyId, IEnumerable<string> employeeIds, CancellationToken ct)
    {
        var dialect = session.Database.Dialect;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in employeeIds.Select(e => NameKeys.EmployeeId(e)!).Distinct().Chunk(LookupChunk))
        {
            taken.UnionWith(await (await session.ConnectionAsync(ct)).QueryAsync<string>(session.Command(
                $"SELECT employee_id_key FROM users WHERE company_id = @companyId AND {dialect.IsOneOf("employee_id_key", "@keys")}",
                new { companyId, keys = dialect.ListOf(chunk) }, ct)));
        }
        return taken;
    }

    public async Task SetPasswordAsync(Guid userId, string passwordHash, string securityStamp, DateTimeOffset now, CancellationToken ct) =>
        await session.ExecuteAsync("""
            UPDATE users SET password_hash = @passwordHash, security_stamp = @securityStamp, updated_date = @now, version = version + 1
            WHERE id = @userId
            """, new { userId, passwordHash, securityStamp, now }, ct);

    public async Task UpdateAsync(UserAccount user, int expectedVersion, bool rolesChanged, CancellationToken ct)
    {
        var (sql, parameters, values) = UserRows.Update(user, expectedVersion, _readForChange?.GetValueOrDefault(user.Id));
        if (session.BatchesWrites)
        {
            // Sent with the commit: the guard is an error there, so the COMMIT after it does not run.
            await session.WriteWithCommitAsync(session.Database.Dialect.ChangingOneRow(sql), parameters, ct);
        }
        else if (await session.ExecuteAsync(sql, parameters, ct) != 1)
        {
            throw new VersionMovedException();
        }
        (_readForChange ??= [])[user.Id] = values;
        if (rolesChanged)
        {
            await session.WriteWithCommitAsync("DELETE FROM user_group_roles WHERE user_id = @userId", new { userId = user.Id }, ct);
            foreach (var role in user.GroupRoles)
            {
                await session.WriteWithCommitAsync(InsertRoleSql, new GroupRoleRow { UserId = user.Id, GroupId = role.GroupId, RoleId = role.RoleId }, ct);
            }
        }
    }

    public async Task<bool> DeleteAsync(Guid companyId, Guid userId, CancellationToken ct) =>
        await session.ExecuteAsync("DELETE FROM users WHERE id = @userId AND company_id = @companyId", new { userId, companyId }, ct) == 1;

    public async Task<(int Total, IReadOnlyList<UserAccount> Page)> ListAsync(UserListFilter filter, CancellationToken ct)
    {
        var (where, parameters, narrowed) = ListConditions(filter);
        var page = await PageAsync(filter, where, parameters, ct);
        // A page that is not full and not past the end is the last one, so it gives the total:
        // most searches match fewer users than a page and skip a second pass over the index.
        // Otherwise a list of the whole company takes the counts kept for it (CountedUsersOf); a narrowed one counts.
        var total = page.Count < filter.Limit && (page.Count > 0 || filter.Offset == 0)
            ? filter.Offset + page.Count
            : await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<int>(session.Command(
                narrowed ? $"SELECT COUNT(*) FROM users u WHERE {where}" : $"SELECT {CountedUsersOf("@companyId", scim: filter.Scim is not null)}",
                parameters, ct));
        return (total, page);
    }

    public async Task<IReadOnlyList<UserAccount>> PageAsync(UserListFilter filter, CancellationToken ct)
    {
        var (where, parameters, _) = ListConditions(filter);
        return await PageAsync(filter, where, parameters, ct);
    }

    private async Task<List<UserAccount>> PageAsync(UserListFilter filter, string where, DynamicParameters conditions, CancellationToken ct)
    {
        var direction = filter.Descending ? "DESC" : "ASC";
        var order = filter.Scim is null ? $"u.last_name_key {direction}, u.first_name_key {direction}, u.id {direction}" : "u.id";
        var paging = new DynamicParameters(conditions);
        paging.Add("limit", filter.Limit);
        paging.Add("offset", filter.Offset);
        // The page and its users' roles in one statement (a row per role, in the page's order): one round trip, one snapshot.
        return await session.ReadAsync(session.Command(
            $"""
            WITH page AS (
                SELECT {UserRows.Columns}, u.last_name_key, u.first_name_key FROM users u WHERE {where}
                ORDER BY {order}
                LIMIT @limit OFFSET @offset)
            SELECT {UserRows.Columns}, r.group_id, r.role_id
            FROM page u {session.Database.Dialect.JoinRoles}
            ORDER BY {order}
            """, paging, ct), reader => ReadUsersWithRolesAsync(reader, ct));
    }

    public async Task<bool> RecordLoginAsync(Guid userId, DateTimeOffset when, string verifiedHash, string securityStamp,
        string? rehashedPassword, CancellationToken ct) =>
        await session.ExecuteAsync("""
            UPDATE users SET last_login_date = @when, password_hash = COALESCE(@rehashedPassword, password_hash)
            WHERE id = @userId AND password_hash = @verifiedHash AND security_stamp = @securityStamp
            """, new { userId, when, verifiedHash, securityStamp, rehashedPassword }, ct) == 1;

    /// <summary>
    /// The conditions of a list, and whether any narrows it within the company's visible users (for SCIM,
    /// those not SCIM-removed): a list that is not narrowed has its total kept (see <see cref="ListAsync"/>).
    /// </summary>
    private (string Where, DynamicParameters Parameters, bool Narrowed) ListConditions(UserListFilter filter)
    {
        var dialect = session.Database.Dialect;
        var conditions = new List<string> { dialect.CompanyCondition(filter.SearchText), VisibleIn("@companyId") };
        var parameters = new DynamicParameters(new { companyId = filter.CompanyId });
        if (filter.Scim is not null)
        {
            conditions.Add("u.scim_removed = @scimRemoved");
            parameters.Add("scimRemoved", false);
        }
        var wholeCompany = conditions.Count;
        if (filter.InGroups is { } groups)
        {
            var roleCondition = filter.RoleIds is { Count: > 0 } ? $" AND {dialect.IsOneOf("r.role_id", "@roleIds")}" : "";
            conditions.Add($"EXISTS (SELECT 1 FROM user_group_roles r WHERE r.user_id = u.id AND {dialect.IsOneOf("r.group_id", "@inGroups")}{roleCondition})");
            parameters.Add("inGroups", dialect.ListOf(groups));
        }
        else if (filter.RoleIds is { Count: > 0 })
        {
            conditions.Add($"EXISTS (SELECT 1 FROM user_group_roles r WHERE r.user_id = u.id AND {dialect.IsOneOf("r.role_id", "@roleIds")})");
        }
        if (filter.RoleIds is { Count: > 0 } roleIds)
        {
            parameters.Add("roleIds", dialect.ListOf(roleIds));
        }
        if (filter.ReadableGroups is { } readable)
        {
            conditions.Add($"EXISTS (SELECT 1 FROM user_group_roles s WHERE s.user_id = u.id AND {dialect.IsOneOf("s.group_id", "@readable")})");
            parameters.Add("readable", dialect.ListOf(readable));
        }
        if (filter.Statuses is { Count: > 0 } statuses)
        {
            conditions.Add(dialect.IsOneOf("u.status", "@statuses"));
            parameters.Add("statuses", dialect.ListOf(statuses));
        }
        if (filter.LoginEnabled is { } loginEnabled)
        {
            conditions.Add("u.login_enabled = @loginEnabled");
            parameters.Add("loginEnabled", loginEnabled);
        }
        if (!string.IsNullOrEmpty(filter.SearchText))
        {
            conditions.Add(dialect.SearchCondition(filter.SearchText));
            parameters.Add("search", StorageKeys.ContainsPattern(filter.SearchText));
            parameters.Add("phrase", StorageKeys.Phrase(filter.SearchText));
        }
        if (filter.Scim is { } scim)
        {
            AddScimConditions(scim, conditions, parameters);
        }
        return (string.Join(" AND ", conditions), parameters, conditions.Count > wholeCompany);
    }

    private static void AddScimConditions(ScimUserCondition scim, List<string> conditions, DynamicParameters parameters)
    {
        if (scim.Username is { } username)
        {
            conditions.Add("u.username_key = @scimUsernameKey");
            parameters.Add("scimUsernameKey", NameKeys.Username(username));
        }
        if (scim.ExternalId is { } externalId)
        {
            conditions.Add("u.external_id = @scimExternalId");
            parameters.Add("scimExternalId", externalId);
        }
        if (scim.Email is { } email)
        {
            // lower() on both sides, as the index is built: the same folding on either engine for ASCII addresses.
            conditions.Add("lower(u.email) = lower(@scimEmail) AND u.email IS NOT NULL");
            parameters.Add("scimEmail", email);
        }
        if (scim.ModifiedAfter is { } after)
        {
            conditions.Add(scim.ModifiedAfterInclusive ? "u.updated_date >= @scimModifiedAfter" : "u.updated_date > @scimModifiedAfter");
            parameters.Add("scimModifiedAfter", after);
        }
    }

    /// <summary>
    /// One user and its roles. A plain read takes one statement (a row per role). A read for
    /// update takes two: lock the user row, then read its roles. In one statement PostgreSQL
    /// would wait for the lock and then return the roles as they were before the other
    /// writer committed — a lost update.
    /// </summary>
    private async Task<UserAccount?> FindOneAsync(string where, object parameters, bool forUpdate, CancellationToken ct)
    {
        if (forUpdate)
        {
            var locked = (await ReadUsersAsync(session.Command(LockedSql(where), parameters, ct))).SingleOrDefault();
            if (locked is not null)
            {
                await LoadGroupRolesAsync(locked, ct);
            }
            return RememberedForChange(locked);
        }
        return await session.ReadAsync(session.Command(WithRolesSql(where), parameters, ct), reader => ReadUserWithRolesAsync(reader, ct));
    }

    private UserAccount? RememberedForChange(UserAccount? user)
    {
        if (user is not null)
        {
            (_readForChange ??= [])[user.Id] = UserRows.ChangeableValues(user);
        }
        return user;
    }

    private string LockedSql(string where) =>
        $"SELECT {UserRows.Columns} FROM users u WHERE {where} AND {Visible}{session.Database.Dialect.ForUpdate}";

    private static string WithRolesSql(string where) => $"""
        SELECT {UserRows.Columns}, r.group_id, r.role_id
        FROM users u LEFT JOIN user_group_roles r ON r.user_id = u.id
        WHERE {where} AND {Visible}
        """;

    private const string RolesOfOneSql = "SELECT user_id, group_id, role_id FROM user_group_roles WHERE user_id = @userId";

    /// <summary>The user of <see cref="WithRolesSql"/>'s rows (one a role), with its roles.</summary>
    private static async Task<UserAccount?> ReadUserWithRolesAsync(DbDataReader reader, CancellationToken ct) =>
        (await ReadUsersWithRolesAsync(reader, ct)).FirstOrDefault();

    /// <summary>Users with their roles, from rows of the user's columns then a role's group and role (null for none), each user's rows together.</summary>
    private static async Task<List<UserAccount>> ReadUsersWithRolesAsync(DbDataReader reader, CancellationToken ct)
    {
        var users = new List<UserAccount>();
        List<GroupRole>? roles = null;
        var groupColumn = UserRows.ColumnCount;
        while (await reader.ReadAsync(ct))
        {
            if (users.Count == 0 || users[^1].Id != ColumnValues.Guid(reader.GetValue(0)))
            {
                Settle();
                users.Add(UserRows.Read(reader));
                roles = [];
            }
            if (!reader.IsDBNull(groupColumn))
            {
                roles!.Add(new GroupRole(ColumnValues.Guid(reader.GetValue(groupColumn)), ColumnValues.Int32(reader, groupColumn + 1)));
            }
        }
        Settle();
        return users;

        void Settle()
        {
            if (roles is not null)
            {
                users[^1].Profile = users[^1].Profile with { GroupRoles = roles };
            }
        }
    }

    private Task<List<UserAccount>> ReadUsersAsync(CommandDefinition command) =>
        session.ReadAsync(command, reader => ReadUsersAsync(reader, command.CancellationToken));

    private static async Task<List<UserAccount>> ReadUsersAsync(DbDataReader reader, CancellationToken ct)
    {
        var users = new List<UserAccount>();
        while (await reader.ReadAsync(ct))
        {
            users.Add(UserRows.Read(reader));
        }
        return users;
    }

    /// <summary>The roles of a user read without them (a locked read, see <see cref="FindOneAsync"/>).</summary>
    private async Task LoadGroupRolesAsync(UserAccount user, CancellationToken ct)
    {
        var rows = await (await session.ConnectionAsync(ct)).QueryAsync<GroupRoleRow>(session.Command(RolesOfOneSql, new { userId = user.Id }, ct));
        user.Profile = user.Profile with { GroupRoles = rows.Select(r => new GroupRole(r.GroupId, r.RoleId)).ToList() };
    }

    private sealed class GroupRoleRow
    {
        public Guid UserId { get; set; }
        public Guid GroupId { get; set; }
        public int RoleId { get; set; }
    }
}
