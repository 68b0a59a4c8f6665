using System.Text.Json.Nodes;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Domain.Users;

/// <summary>
/// One editable field of a user (<see cref="UserProfile"/>), as every view of a user knows it: its
/// name as clients know it (the JSON key, the audit trail's field, the import file's column unless
/// <see cref="FileColumn"/> says otherwise; the store's column is the same name in snake_case), how
/// to read and set it on a profile, and how the audit trail shows its value.
/// </summary>
public abstract class UserField(string name, string? fileColumn)
{
    public string Name { get; } = name;

    /// <summary>The column of the import and export file; null: the file does not carry it.</summary>
    public string? FileColumn { get; } = fileColumn;

    /// <summary>The field's rule in a sentence, as clients are told it (the API's request schemas show it).</summary>
    public required string Description { get; init; }

    /// <summary>
    /// Every user has a value of it that a client gives, never null (its setter turns null into a
    /// value the rules refuse or the default): a request may not send null, and a new user must be
    /// sent one. The API's request schemas are built from this. (A flag is never null by its type,
    /// but a new user may leave it out: false.)
    /// </summary>
    public bool AlwaysValued { get; init; }

    /// <summary>The value as the audit trail shows it (JSON: text, true/false, null or a list).</summary>
    public abstract JsonNode? AuditValue(UserProfile profile);

    /// <summary>The value, untyped: what the store writes.</summary>
    public abstract object? Value(UserProfile profile);

    /// <summary><paramref name="target"/> with this field's value taken from <paramref name="source"/> (merging two edits of one user).</summary>
    public abstract UserProfile CopyTo(UserProfile target, UserProfile source);

    public override string ToString() => Name;
}

/// <summary>A field of one type: read and set on a profile.</summary>
public abstract class UserField<T>(string name, string? fileColumn, Func<UserProfile, T> get, Func<UserProfile, T, UserProfile> with)
    : UserField(name, fileColumn)
{
    public T Get(UserProfile profile) => get(profile);

    public UserProfile With(UserProfile profile, T value) => with(profile, value);

    public override object? Value(UserProfile profile) => get(profile);

    public override UserProfile CopyTo(UserProfile target, UserProfile source) => with(target, get(source));
}

/// <summary>
/// A text field, with its rule: from the text as sent (null: not sent) to the value kept (trimmed,
/// empty as null, case made canonical) and the problem, if the text breaks the rule.
/// </summary>
public sealed class TextField(string name, Func<UserProfile, string?> get, Func<UserProfile, string?, UserProfile> with,
    Func<string?, (string? Value, string? Problem)> rule, string? fileColumn = null)
    : UserField<string?>(name, fileColumn ?? name, get, with)
{
    public (string? Value, string? Problem) Check(string? sent) => rule(sent);

    public override JsonNode? AuditValue(UserProfile profile) => Get(profile);
}

/// <summary>A true/false field.</summary>
public sealed class FlagField(string name, Func<UserProfile, bool> get, Func<UserProfile, bool, UserProfile> with, bool inFile = true)
    : UserField<bool>(name, inFile ? name : null, get, with)
{
    public override JsonNode? AuditValue(UserProfile profile) => Get(profile);
}

/// <summary>A field holding the id of one of the company's groups (or null).</summary>
public sealed class GroupIdField(string name, string fileColumn, Func<UserProfile, Guid?> get, Func<UserProfile, Guid?, UserProfile> with)
    : UserField<Guid?>(name, fileColumn, get, with)
{
    public override JsonNode? AuditValue(UserProfile profile) => Get(profile)?.ToString();
}

/// <summary>The user's roles in groups: kept beside the user's row, shown by the audit trail as a list in a stable order.</summary>
public sealed class GroupRolesField(string name, Func<UserProfile, IReadOnlyList<GroupRole>> get, Func<UserProfile, IReadOnlyList<GroupRole>, UserProfile> with)
    : UserField<IReadOnlyList<GroupRole>>(name, name, get, with)
{
    public override JsonNode? AuditValue(UserProfile profile) =>
        new JsonArray(Get(profile)
            .OrderBy(r => r.GroupId)
            .ThenBy(r => r.RoleId)
            .Select(r => (JsonNode)new JsonObject { ["groupId"] = r.GroupId.ToString(), ["roleId"] = r.RoleId })
            .ToArray());
}
