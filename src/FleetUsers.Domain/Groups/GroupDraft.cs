namespace FleetUsers.Domain.Groups;

/// <summary>
/// A group's editable state as a client sent it (POST or PUT), before the rules ran. A
/// field is null when it was absent, null or of the wrong type; <see cref="ReadProblems"/>
/// already names every key that was missing or malformed.
/// </summary>
public sealed record GroupDraft
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public Guid? ParentId { get; init; }

    public IReadOnlyList<string> ReadProblems { get; init; } = [];
}

/// <summary>A group's editable state after the field rules passed: trimmed, an empty description as null.</summary>
public sealed record ValidGroup(string Name, string? Description, Guid? ParentId);
