namespace FleetUsers.Domain.Users;

/// <summary>
/// The field table: every editable field of a user, once. The rules, the audit trail, the import
/// and export file and the store read and write a user through it; a new field is a property of
/// <see cref="UserProfile"/>, an entry here, its column in the migrations, and its place in the
/// API's request and response records.
/// </summary>
public static class UserFields
{
    public static readonly TextField FirstName = new("firstName", p => p.FirstName, (p, v) => p with { FirstName = v ?? "" }, TextRules.Name("firstName"));

    public static readonly TextField LastName = new("lastName", p => p.LastName, (p, v) => p with { LastName = v ?? "" }, TextRules.Name("lastName"));

    public static readonly TextField Username = new("username", p => p.Username, (p, v) => p with { Username = v }, TextRules.Username);

    public static readonly TextField EmployeeId = new("employeeId", p => p.EmployeeId, (p, v) => p with { EmployeeId = v }, TextRules.Trimmed(FieldRules.EmployeeId));

    public static readonly TextField Email = new("email", p => p.Email, (p, v) => p with { Email = v }, TextRules.Trimmed(FieldRules.Email));

    public static readonly TextField CellPhoneCountry = new("cellPhoneCountry", p => p.CellPhoneCountry, (p, v) => p with { CellPhoneCountry = v }, TextRules.PhoneCountry);

    public static readonly TextField CellPhoneNumber = new("cellPhoneNumber", p => p.CellPhoneNumber, (p, v) => p with { CellPhoneNumber = v }, TextRules.Trimmed(FieldRules.PhoneNumber));

    public static readonly TextField Status = new("status", p => p.Status, (p, v) => p with { Status = v ?? UserStatus.Active }, TextRules.Status);

    /// <summary>Not in the import file: imported users have no password, so they cannot log in.</summary>
    public static readonly FlagField LoginEnabled = new("loginEnabled", p => p.LoginEnabled, (p, v) => p with { LoginEnabled = v }, inFile: false);

    public static readonly FlagField AllowVideoSearchDownload = new("allowVideoSearchDownload", p => p.AllowVideoSearchDownload, (p, v) => p with { AllowVideoSearchDownload = v });

    public static readonly GroupRolesField GroupRoles = new("groupRoles", p => p.GroupRoles, (p, v) => p with { GroupRoles = v });

    public static readonly GroupIdField PrimaryGroupId = new("primaryGroupId", "primaryGroup", p => p.PrimaryGroupId, (p, v) => p with { PrimaryGroupId = v });

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
