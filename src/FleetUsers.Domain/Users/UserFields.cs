namespace FleetUsers.Domain.Users;

/// <summary>
/// The field table: every editable field of a user, once. The rules, the audit trail, the import
/// and export file and the store read and write a user through it; a new field is a property of
/// <see cref="UserProfile"/>, an entry here, its column in the migrations, and its place in the
/// API's response record (the API's request schemas and readers are built from this table).
/// </summary>
public static class UserFields
{
    public static readonly TextField FirstName = new("firstName", p => p.FirstName, (p, v) => p with { FirstName = v ?? "" }, TextRules.Name("firstName"))
    {
        Description = $"1 to {FieldRules.MaxNameLength} characters.",
        AlwaysValued = true,
    };

    public static readonly TextField LastName = new("lastName", p => p.LastName, (p, v) => p with { LastName = v ?? "" }, TextRules.Name("lastName"))
    {
        Description = $"1 to {FieldRules.MaxNameLength} characters.",
        AlwaysValued = true,
    };

    public static readonly TextField Username = new("username", p => p.Username, (p, v) => p with { Username = v }, TextRules.Username)
    {
        Description = $"1 to {FieldRules.MaxUsernameLength} letters, digits and . _ - @; unique across all companies. Null or empty generates one.",
    };

    public static readonly TextField EmployeeId = new("employeeId", p => p.EmployeeId, (p, v) => p with { EmployeeId = v }, TextRules.Trimmed(FieldRules.EmployeeId))
    {
        Description = $"At most {FieldRules.MaxEmployeeIdLength} characters; unique within the company.",
    };

    public static readonly TextField Email = new("email", p => p.Email, (p, v) => p with { Email = v }, TextRules.Trimmed(FieldRules.Email))
    {
        Description = $"A valid email address, at most {FieldRules.MaxEmailLength} characters.",
    };

    public static readonly TextField CellPhoneCountry = new("cellPhoneCountry", p => p.CellPhoneCountry, (p, v) => p with { CellPhoneCountry = v }, TextRules.PhoneCountry)
    {
        Description = "US or CA; set together with cellPhoneNumber, or both null.",
    };

    public static readonly TextField CellPhoneNumber = new("cellPhoneNumber", p => p.CellPhoneNumber, (p, v) => p with { CellPhoneNumber = v }, TextRules.Trimmed(FieldRules.PhoneNumber))
    {
        Description = "7 to 15 digits; an optional leading +, spaces, dashes, dots and parentheses.",
    };

    public static readonly TextField Status = new("status", p => p.Status, (p, v) => p with { Status = v ?? UserStatus.Active }, TextRules.Status)
    {
        Description = "Active or Inactive.",
        AlwaysValued = true,
    };

    /// <summary>Not in the import file: imported users have no password, so they cannot log in.</summary>
    public static readonly FlagField LoginEnabled = new("loginEnabled", p => p.LoginEnabled, (p, v) => p with { LoginEnabled = v }, inFile: false)
    {
        Description = "True needs a password: sent here or already stored.",
    };

    public static readonly FlagField AllowVideoSearchDownload = new("allowVideoSearchDownload", p => p.AllowVideoSearchDownload, (p, v) => p with { AllowVideoSearchDownload = v })
    {
        Description = "True only for a user with the Video Reviewer or Video Reviewer Plus role.",
    };

    public static readonly GroupRolesField GroupRoles = new("groupRoles", p => p.GroupRoles, (p, v) => p with { GroupRoles = v })
    {
        Description = "At least one; no pair twice.",
        AlwaysValued = true,
    };

    public static readonly GroupIdField PrimaryGroupId = new("primaryGroupId", "primaryGroup", p => p.PrimaryGroupId, (p, v) => p with { PrimaryGroupId = v })
    {
        Description = "One of the groups in groupRoles; null derives it.",
    };

    /// <summary>Every field, in the order the audit trail lists changes.</summary>
    public static IReadOnlyList<UserField> All { get; } =
    [
        FirstName, LastName, Username, EmployeeId, Email, CellPhoneCountry, CellPhoneNumber, Status, LoginEnabled,
        AllowVideoSearchDownload, GroupRoles, PrimaryGroupId,
    ];

    /// <summary>The fields of the import and export file, in the order an export writes its columns.</summary>
    public static IReadOnlyList<UserField> FileColumns { get; } =
    [
        FirstName, LastName, Username, EmployeeId, Email, CellPhoneCountry, CellPhoneNumber, Status, GroupRoles, PrimaryGroupId,
        AllowVideoSearchDownload,
    ];

    /// <summary>The text fields, each checked and normalised by its own rule.</summary>
    public static IEnumerable<TextField> Texts => All.OfType<TextField>();

    /// <summary>The fields the store keeps in the user's row (the group roles are rows of their own).</summary>
    public static IEnumerable<UserField> Columns => All.Where(f => f is not GroupRolesField);
}
