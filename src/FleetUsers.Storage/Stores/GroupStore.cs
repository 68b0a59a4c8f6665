using Dapper;
using FleetUsers.Application.Ports;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Storage.Stores;

/// <summary>The statements that read and write groups.</summary>
internal sealed class GroupStore(SqlSession session) : IGroupStore
{
    /// <summary>
    /// This session changed the tree: what it reads now is uncommitted, so it neither comes from nor goes
    /// to the cache (a rollback would leave a tree cached under a version another change then takes).
    /// </summary>
    private bool changedTree;

    /// <summary>One indexed read of the company's tree version; the groups themselves only when they changed.</summary>
    public async Task<GroupTree> LoadTreeAsync(Guid companyId, CancellationToken ct)
    {
        // The version is read first: a change committed after it makes the next read reload, never the reverse.
        return await TreeAtAsync(companyId, await TreeVersionAsync(companyId, ct), ct);
    }

    /// <summary>The tree's version; where connections make batches, in one round trip with the caller's confirmation when the request owes it.</summary>
    private async Task<long> TreeVersionAsync(Guid companyId, CancellationToken ct)
    {
        if (!session.Connection.CanCreateBatch)
        {
            return await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<long>(session.Command(TreeVersionSql, new { companyId }, ct));
        }
        await using var batch = await ReadBatch.StartAsync(session, ct);
        batch.Add(TreeVersionSql, new { companyId });
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? reader.GetInt64(0) : 0;
    }

    /// <summary>The company's tree version, read before its groups (see <see cref="LoadTreeAsync"/>).</summary>
    internal const string TreeVersionSql = "SELECT tree_version FROM companies WHERE id = @companyId";

    /// <summary>The tree at the version just read: from the cache while the version is unchanged, else read again.</summary>
    internal async Task<GroupTree> TreeAtAsync(Guid companyId, long version, CancellationToken ct)
    {
        var cache = session.Database.Trees;
        if (!changedTree && cache.Find(companyId, version) is { } tree)
        {
            return tree;
        }
        var rows = await (await session.ConnectionAsync(ct)).QueryAsync<GroupRow>(session.Command(
            """
            SELECT id, company_id, parent_id, name, description, created_date, updated_date, revision
            FROM groups WHERE company_id = @companyId
            """, new { companyId }, ct));
        tree = new GroupTree(rows.Select(r => r.ToGroup()));
        if (!changedTree)
        {
            cache.Keep(companyId, version, tree);
        }
        return tree;
    }

    private const string InsertSql = """
        INSERT INTO groups (id, company_id, parent_id, name, name_key, description, created_date, updated_date, revision)
        VALUES (@Id, @CompanyId, @ParentId, @Name, @NameKey, @Description, @CreatedDate, @UpdatedDate, @Revision)
        """;

    /// <summary>Inserts a group; a sibling of the same name (any letter case) raises <see cref="UniqueViolationException"/>.</summary>
    public async Task InsertAsync(Group group, CancellationToken ct)
    {
        await session.ExecuteAsync(InsertSql, Parameters(group), ct);
        await TreeChangedAsync(group.CompanyId, ct);
    }

    /// <summary>Inserts groups of one company, parents before the groups below them.</summary>
    public async Task InsertManyAsync(IReadOnlyList<Group> groups, CancellationToken ct)
    {
        if (groups.Count == 0)
        {
            return;
        }
        await session.ExecuteAsync(InsertSql, groups.Select(Parameters).ToList(), ct);
        await TreeChangedAsync(groups[0].CompanyId, ct);
    }

    /// <summary>Writes the group's name, description, parent, date and revision.</summary>
    public async Task UpdateAsync(Group group, CancellationToken ct)
    {
        await session.ExecuteAsync(
            """
            UPDATE groups SET parent_id = @ParentId, name = @Name, name_key = @NameKey, description = @Description,
                updated_date = @UpdatedDate, revision = @Revision
            WHERE id = @Id AND company_id = @CompanyId
            """, Parameters(group), ct);
        await TreeChangedAsync(group.CompanyId, ct);
    }

    /// <summary>A new revision for groups whose derived fields (fullPath, fullPathId) changed with an ancestor.</summary>
    public async Task BumpRevisionsAsync(Guid companyId, IReadOnlyCollection<Guid> groupIds, DateTimeOffset now, CancellationToken ct)
    {
        if (groupIds.Count == 0)
        {
            return;
        }
        var dialect = session.Database.Dialect;
        await session.ExecuteAsync(
            $"UPDATE groups SET revision = revision + 1, updated_date = @now WHERE company_id = @companyId AND {dialect.IsOneOf("id", "@ids")}",
            new { companyId, now, ids = dialect.ListOf(groupIds) }, ct);
        await TreeChangedAsync(companyId, ct);
    }

    public async Task DeleteAsync(Guid companyId, Guid groupId, CancellationToken ct)
    {
        await session.ExecuteAsync("DELETE FROM groups WHERE id = @groupId AND company_id = @companyId", new { groupId, companyId }, ct);
        await TreeChangedAsync(companyId, ct);
    }

    /// <summary>Every write to a company's groups goes through here: cached trees of the old version are no longer served.</summary>
    private Task TreeChangedAsync(Guid companyId, CancellationToken ct)
    {
        changedTree = true;
        return session.ExecuteAsync("UPDATE companies SET tree_version = tree_version + 1 WHERE id = @companyId", new { companyId }, ct);
    }

    public async Task<IReadOnlyDictionary<Guid, int>> UserCountsAsync(Guid companyId, CancellationToken ct)
    {
        // By the role index (group_id first): one pass over the company's role rows, no user row read.
        var rows = await (await session.ConnectionAsync(ct)).QueryAsync<UserCountRow>(session.Command(
            """
            SELECT r.group_id, COUNT(DISTINCT r.user_id) AS users
            FROM user_group_roles r JOIN groups g ON g.id = r.group_id
            WHERE g.company_id = @companyId
            GROUP BY r.group_id
            """, new { companyId }, ct));
        return rows.ToDictionary(r => r.GroupId, r => r.Users);
    }

    private const string ScimStateSql = "SELECT group_id, external_id, version, updated_date FROM scim_groups WHERE company_id = @companyId";

    public async Task<IReadOnlyDictionary<Guid, ScimGroupState>> ScimStatesAsync(Guid companyId, CancellationToken ct)
    {
        var rows = await (await session.ConnectionAsync(ct)).QueryAsync<ScimStateRow>(session.Command(ScimStateSql, new { companyId }, ct));
        return rows.ToDictionary(r => r.GroupId, r => r.ToState());
    }

    public async Task<ScimGroupState> ScimStateAsync(Guid companyId, Guid groupId, CancellationToken ct)
    {
        var row = await (await session.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<ScimStateRow>(session.Command(
            ScimStateSql + " AND group_id = @groupId", new { companyId, groupId }, ct));
        return row?.ToState() ?? ScimGroupState.None;
    }

    public async Task SetScimStateAsync(Guid companyId, Guid groupId, ScimGroupState state, CancellationToken ct) =>
        await session.ExecuteAsync(
            """
            INSERT INTO scim_groups (group_id, company_id, external_id, version, updated_date)
            VALUES (@groupId, @companyId, @ExternalId, @Version, @UpdatedDate)
            ON CONFLICT (group_id) DO UPDATE SET external_id = excluded.external_id, version = excluded.version,
                updated_date = excluded.updated_date
            """, new { groupId, companyId, state.ExternalId, state.Version, state.UpdatedDate }, ct);

    /// <summary>
    /// The users and API clients holding a role in the group, counted, with up to <paramref name="sample"/>
    /// names of each; usernames only of users with a role in one of <paramref name="readableGroups"/>
    /// (null: of any user), so a refusal names no one its reader may not read.
    /// </summary>
    public async Task<GroupMembers> MembersAsync(Guid groupId, int sample, IReadOnlyCollection<Guid>? readableGroups, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var dialect = session.Database.Dialect;
        var users = await connection.ExecuteScalarAsync<int>(session.Command(
            "SELECT COUNT(DISTINCT user_id) FROM user_group_roles WHERE group_id = @groupId", new { groupId }, ct));
        var readable = readableGroups is null ? ""
            : $" AND EXISTS (SELECT 1 FROM user_group_roles s WHERE s.user_id = u.id AND {dialect.IsOneOf("s.group_id", "@readable")})";
        var usernames = users == 0 || readableGroups is { Count: 0 } ? [] : (await connection.QueryAsync<string>(session.Command(
            $"""
            SELECT u.username FROM users u
            WHERE EXISTS (SELECT 1 FROM user_group_roles r WHERE r.user_id = u.id AND r.group_id = @groupId){readable}
            ORDER BY u.username_key LIMIT @sample
            """, new { groupId, sample, readable = readableGroups is null ? null : dialect.ListOf(readableGroups) }, ct))).AsList();
        var clients = (await connection.QueryAsync<string>(session.Command(
            "SELECT name FROM api_clients WHERE group_id = @groupId AND revoked_date IS NULL ORDER BY name", new { groupId }, ct))).AsList();
        return new GroupMembers(users, usernames, clients.Count, clients.Take(sample).ToList());
    }

    private static object Parameters(Group group) => new
    {
        group.Id,
        group.CompanyId,
        group.ParentId,
        group.Name,
        NameKey = NameKeys.GroupName(group.Name),
        group.Description,
        group.CreatedDate,
        group.UpdatedDate,
        group.Revision,
    };

    private sealed class UserCountRow
    {
        public Guid GroupId { get; set; }
        public int Users { get; set; }
    }

    private sealed class ScimStateRow
    {
        public Guid GroupId { get; set; }
        public string? ExternalId { get; set; }
        public int Version { get; set; }
        public DateTimeOffset? UpdatedDate { get; set; }

        public ScimGroupState ToState() => new(ExternalId, Version, UpdatedDate);
    }

    private sealed class GroupRow
    {
        public Guid Id { get; set; }
        public Guid CompanyId { get; set; }
        public Guid? ParentId { get; set; }
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public DateTimeOffset CreatedDate { get; set; }
        public DateTimeOffset UpdatedDate { get; set; }
        public int Revision { get; set; }

        public Group ToGroup() => new(Id, CompanyId, ParentId, Name, Description, CreatedDate, UpdatedDate, Revision);
    }
}
