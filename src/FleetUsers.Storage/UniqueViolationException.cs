namespace FleetUsers.Storage;

/// <summary>A write broke a unique index: a username, employee id or sibling group name that is already taken.</summary>
public sealed class UniqueViolationException(string index, Exception inner)
    : Exception($"Unique index violated: {index}", inner)
{
    public string Index { get; } = index;

    public bool IsUsername => Index.Contains("username_key", StringComparison.OrdinalIgnoreCase);

    /// <summary>ux_groups_parent_name_key (PostgreSQL) or "groups.parent_id, groups.name_key" (SQLite).</summary>
    public bool IsGroupName => Index.Contains("groups", StringComparison.OrdinalIgnoreCase)
        && Index.Contains("name_key", StringComparison.OrdinalIgnoreCase);

    public bool IsEmployeeId => Index.Contains("employee_id_key", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A write broke a foreign key: it removed a row still referenced, or referenced a row another request removed.</summary>
public sealed class ForeignKeyViolationException(Exception inner) : Exception("Foreign key violated", inner);
