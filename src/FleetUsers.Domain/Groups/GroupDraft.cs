namespace FleetUsers.Domain.Groups;

/// <summary>
/// A group's editable state as a client sent it (POST or PUT), before the rules ran. A
/// field is null when it was absent, null or of the wrong type; <see cref="ReadProblems"/>
/// already names every key that was missing or malformed. A partial edit (PUT) leaves keys
/// out: <see cref="HasName"/>, <see cref="HasDescription"/> and <see cref="HasParentId"/> say
/// which were sent, and <see cref="Over"/> fills the others from the group as it is.
/// </summary>
public sealed record GroupDraft
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public Guid? ParentId { get; init; }

    public bool HasName { get; init; } = true;

    public bool HasDescription { get; init; } = true;

    public bool HasParentId { get; init; } = true;

    public IReadOnlyList<string> ReadProblems { get; init; } = [];

    /// <summary>The draft with every key it left out taken from <paramref name="current"/>: what the group would become.</summary>
    public GroupDraft Over(Group current) => this with
    {
        Name = HasName ? Name : current.Name,
        Description = HasDescription ? Description : current.Description,
        ParentId = HasParentId ? ParentId : current.ParentId,
        HasName = true,
        HasDescription = true,
        HasParentId = true,
    };
}

/// <summary>A group's editable state after the field rules passed: trimmed, an empty description as null.</summary>
public sealed record ValidGroup(string Name, string? Description, Guid? ParentId);
