using System.Globalization;
using FleetUsers.Application.Users;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;

namespace FleetUsers.Web.Pages.Users;

/// <summary>
/// The user form as the browser posts it (fields named Form.*, group roles as Form.Rows[i].*): every
/// field of the PUT contract, read into the same <see cref="UserDraft"/> the API builds, so the
/// domain's rules judge it and answer in the API's words.
/// </summary>
public sealed class UserForm
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Username { get; set; }
    public string? EmployeeId { get; set; }
    public string? Email { get; set; }
    public string? CellPhoneCountry { get; set; }
    public string? CellPhoneNumber { get; set; }
    public string? Status { get; set; }
    public bool LoginEnabled { get; set; }
    public bool AllowVideoSearchDownload { get; set; }
    public string? PrimaryGroupId { get; set; }

    /// <summary>A new password; empty keeps the one the user has.</summary>
    public string? Password { get; set; }

    public List<RoleRow> Rows { get; set; } = [];

    /// <summary>The version the form was opened at: the save's If-Match.</summary>
    public int Version { get; set; }

    /// <summary>When that version was written: changes after it are someone else's.</summary>
    public string? OpenedAt { get; set; }

    /// <summary>Which button sent the form: <see cref="SaveAction"/> or <see cref="AddRowAction"/>.</summary>
    public string? Action { get; set; }

    public const string SaveAction = "save";
    public const string AddRowAction = "add-row";

    public sealed class RoleRow
    {
        public string? GroupId { get; set; }
        public string? RoleId { get; set; }
        public bool Remove { get; set; }
    }

    public static UserForm From(UserDetails user) =>
        From(user.Profile with { GroupRoles = user.GroupRoles.Select(r => new GroupRole(r.GroupId, r.RoleId)).ToList() }, user.Version, user.UpdatedDate);

    /// <summary>The form showing <paramref name="profile"/>, to be saved over the version written at <paramref name="updatedDate"/>.</summary>
    public static UserForm From(UserProfile profile, int version, DateTimeOffset updatedDate) => new()
    {
        FirstName = profile.FirstName,
        LastName = profile.LastName,
        Username = profile.Username,
        EmployeeId = profile.EmployeeId,
        Email = profile.Email,
        CellPhoneCountry = profile.CellPhoneCountry,
        CellPhoneNumber = profile.CellPhoneNumber,
        Status = profile.Status,
        LoginEnabled = profile.LoginEnabled,
        AllowVideoSearchDownload = profile.AllowVideoSearchDownload,
        PrimaryGroupId = profile.PrimaryGroupId?.ToString(),
        Rows = profile.GroupRoles.Select(r => new RoleRow
        {
            GroupId = r.GroupId.ToString(),
            RoleId = r.RoleId.ToString(CultureInfo.InvariantCulture),
        }).ToList(),
        Version = version,
        OpenedAt = updatedDate.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>The rows that are kept (not marked for removal, and not left blank).</summary>
    public IEnumerable<(int Index, RoleRow Row)> KeptRows() =>
        Rows.Select((row, index) => (index, row))
            .Where(x => !x.row.Remove && !(string.IsNullOrEmpty(x.row.GroupId) && string.IsNullOrEmpty(x.row.RoleId)));

    /// <summary>The form's row of the n-th group role sent (the n-th kept row), or null.</summary>
    public int? FormRowOf(int sentIndex)
    {
        var kept = KeptRows().ToList();
        return sentIndex < kept.Count ? kept[sentIndex].Index : null;
    }

    /// <summary>True when a kept row's role may be allowed to download videos (the switch is offered only then).</summary>
    public bool AllowsVideoDownload =>
        KeptRows().Any(x => int.TryParse(x.Row.RoleId, CultureInfo.InvariantCulture, out var role) && RoleCatalog.AllowsVideoDownload(role));

    /// <summary>
    /// The draft the rules judge. Empty optional text is absent (null), as a client leaves it out of
    /// JSON by sending null; a row the form cannot read is named like the API names a bad groupRoles item.
    /// </summary>
    public UserDraft ToDraft(bool creating)
    {
        var problems = new List<string>();
        var roles = new List<GroupRole>();
        var kept = KeptRows().ToList();
        for (var i = 0; i < kept.Count; i++)
        {
            var row = kept[i].Row;
            if (!Guid.TryParse(row.GroupId, out var groupId))
            {
                problems.Add($"groupRoles[{i}].groupId must be chosen");
            }
            if (!int.TryParse(row.RoleId, CultureInfo.InvariantCulture, out var roleId))
            {
                problems.Add($"groupRoles[{i}].roleId must be chosen");
            }
            roles.Add(new GroupRole(groupId, roleId));
        }
        Guid? primary = null;
        if (!string.IsNullOrEmpty(PrimaryGroupId))
        {
            primary = Guid.TryParse(PrimaryGroupId, out var id) ? id : null;
        }
        return new UserDraft
        {
            Sent = new UserProfile
            {
                FirstName = FirstName ?? "",
                LastName = LastName ?? "",
                Username = Blank(Username),
                EmployeeId = Blank(EmployeeId),
                Email = Blank(Email),
                CellPhoneCountry = Blank(CellPhoneCountry),
                CellPhoneNumber = Blank(CellPhoneNumber),
                Status = creating ? UserStatus.Active : Status ?? UserStatus.Active,
                LoginEnabled = LoginEnabled,
                AllowVideoSearchDownload = AllowVideoSearchDownload && AllowsVideoDownload,
                GroupRoles = roles,
                PrimaryGroupId = primary,
            },
            Password = Blank(Password),
            ReadProblems = problems,
            UnreadableFields = problems.Count > 0 ? new HashSet<string> { "groupRoles" } : new HashSet<string>(),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
