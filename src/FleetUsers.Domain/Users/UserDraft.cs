namespace FleetUsers.Domain.Users;

/// <summary>
/// A user as a client sent it (a request body, a row of an import file), before the rules ran:
/// the profile with what was sent (defaults for what was not), and a new password if one was
/// sent. <see cref="ReadProblems"/> already names every field that was required but missing or
/// malformed; those fields are in <see cref="UnreadableFields"/> and their rules stay quiet.
/// </summary>
public sealed record UserDraft
{
    public UserProfile Sent { get; init; } = new();

    /// <summary>A new password; null keeps the stored one (or, on create, sets none).</summary>
    public string? Password { get; init; }

    /// <summary>Problems found while reading the request (missing keys, wrong types, unknown keys).</summary>
    public IReadOnlyList<string> ReadProblems { get; init; } = [];

    /// <summary>Fields already named in <see cref="ReadProblems"/>: no rule about them (or pairing them with others) runs.</summary>
    public IReadOnlySet<string> UnreadableFields { get; init; } = new HashSet<string>();

    public bool IsReadable(UserField field) => !UnreadableFields.Contains(field.Name);
}

/// <summary>A user's profile after every rule passed, normalised for storage, and the new password if one was sent.</summary>
public sealed record ValidUser(UserProfile Profile, string? NewPassword);
