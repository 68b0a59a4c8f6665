namespace FleetUsers.Storage.Engine;

/// <summary>The few pieces of SQL an engine words its own way: row locks, lists of values, search, named locks, the audit trail's months.</summary>
public abstract class SqlDialect
{
    /// <summary>Appended to a SELECT that reads a user (alias u) about to be changed: a row lock where the engine has them.</summary>
    public abstract string ForUpdate { get; }

    /// <summary>
    /// A row lock that serialises sessions taking the same lock but, unlike <see cref="ForUpdate"/>,
    /// lets rows referencing the locked one be inserted meanwhile (their foreign-key checks go on).
    /// </summary>
    public virtual string ForNoKeyUpdate => ForUpdate;

    /// <summary>The condition "the user (alias u) belongs to @companyId", in a list that may also search.</summary>
    public virtual string CompanyCondition(string? searchText) => "u.company_id = @companyId";

    /// <summary>
    /// The condition "users.search_text (of alias u) contains the text": @search holds the LIKE
    /// pattern, @phrase the text as a full-text phrase, for engines that need one.
    /// </summary>
    public virtual string SearchCondition(string text) => "u.search_text LIKE @search ESCAPE '\\'";

    /// <summary>
    /// Joins each user of a page (alias u, in the page's order) to its roles (alias r: group_id, role_id): a row per
    /// role, or one of nulls for a user without any, worded so that the engine looks each user up in
    /// user_group_roles' primary key rather than reading the whole table.
    /// </summary>
    public virtual string JoinRoles => "LEFT JOIN user_group_roles r ON r.user_id = u.id";

    /// <summary>A condition "column is one of the values in the parameter".</summary>
    public abstract string IsOneOf(string column, string parameter);

    /// <summary>The parameter value for <see cref="IsOneOf"/>: a list of ids.</summary>
    public abstract object ListOf(IEnumerable<Guid> ids);

    /// <summary>The parameter value for <see cref="IsOneOf"/>: a list of numbers or texts.</summary>
    public abstract object ListOf<T>(IEnumerable<T> values);

    /// <summary>
    /// The condition "the event (alias e) can no longer have an event before it in feed order that
    /// is still to commit": always, where writers take turns (seq is commit order).
    /// </summary>
    public virtual string EventSettled => "1 = 1";

    /// <summary>Appended to a SELECT that picks one row to claim: skips rows other sessions are claiming, where the engine has row locks.</summary>
    public virtual string SkipLocked => "";

    /// <summary>The feed position (xid, seq) a new webhook starts after: the end of the feed, as two expressions.</summary>
    public virtual string FeedEnd => "0, COALESCE((SELECT MAX(seq) FROM events), 0)";

    /// <summary>
    /// Makes concurrent sessions that take the same locks run one after the other, until commit. The keys come in
    /// the order to take them (always the same, so two sessions never wait on each other). Nothing where write
    /// sessions run one at a time anyway.
    /// </summary>
    public virtual Task LockAsync(SqlSession session, IReadOnlyList<long> keys, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Gives the months ahead of <paramref name="now"/> their partitions of the user trail, where it has them; false when too busy.</summary>
    public virtual Task<bool> PrepareAuditMonthsAsync(SqlSession session, DateTimeOffset now, CancellationToken ct) => Task.FromResult(true);

    /// <summary>Takes the user trail's months that ended by <paramref name="before"/> out of it, where it has them; about how many entries went.</summary>
    public virtual Task<long> DetachAuditMonthsBeforeAsync(SqlSession session, DateTimeOffset before, CancellationToken ct) => Task.FromResult(0L);

    /// <summary>Drops the months <see cref="DetachAuditMonthsBeforeAsync"/> took out.</summary>
    public virtual Task DropDetachedAuditMonthsAsync(SqlSession session, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// A write that must change exactly one row, worded to fail otherwise (its error sorted by
    /// <see cref="ErrorSorting.GuardFailed"/>): for an engine that sends writes in a batch with the COMMIT.
    /// </summary>
    public virtual string ChangingOneRow(string write) =>
        throw new NotSupportedException("This engine sends no batches: it counts the rows a write changed.");
}
