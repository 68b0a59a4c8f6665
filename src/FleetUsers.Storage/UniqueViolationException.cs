namespace FleetUsers.Storage;

/// <summary>A write broke a unique index: a username or employee id that is already taken.</summary>
public sealed class UniqueViolationException(string index, Exception inner)
    : Exception($"Unique index violated: {index}", inner)
{
    public string Index { get; } = index;

    public bool IsUsername => Index.Contains("username_key", StringComparison.OrdinalIgnoreCase);

    public bool IsEmployeeId => Index.Contains("employee_id_key", StringComparison.OrdinalIgnoreCase);
}
