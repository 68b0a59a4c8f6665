using FleetUsers.Domain.Groups;

namespace FleetUsers.Domain.Users;

/// <summary>
/// A user's editable state as a client sent it, before the rules ran. A field is null
/// when it was absent, null, or of the wrong type; <see cref="ReadProblems"/> already
/// names every field that was required but missing or malformed.
/// </summary>
public sealed record UserDraft
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Username { get; init; }
    public string? EmployeeId { get; init; }
    public string? Email { get; init; }
    public string? CellPhoneCountry { get; init; }
    public string? CellPhoneNumber { get; init; }
    public string? Status { get; init; }
    public bool? LoginEnabled { get; init; }
    public string? Password { get; init; }
    public bool? AllowVideoSearchDownload { get; init; }
    public IReadOnlyList<GroupRole>? GroupRoles { get; init; }
    public Guid? PrimaryGroupId { get; init; }

    /// <summary>Problems found while reading the request (missing keys, wrong types, unknown keys).</summary>
    public IReadOnlyList<string> ReadProblems { get; init; } = [];

    /// <summary>Fields already named in <see cref="ReadProblems"/>; rules that pair them with other fields stay quiet.</summary>
    public IReadOnlySet<string> UnreadableFields { get; init; } = new HashSet<string>();
}
