using System.Data;
using System.Data.Common;
using System.Text;
using Dapper;
using FleetUsers.Application.Users;
using FleetUsers.Domain.Users;

namespace FleetUsers.Storage.Stores;

/// <summary>
/// A user as a row of <c>users</c>: the profile's columns come from the field table
/// (<see cref="UserFields"/>: each field's name in snake_case), beside the columns only the service
/// sets and the keys it computes (username_key, search_text, ...). The statements are built once.
/// </summary>
internal static class UserRows
{
    private static readonly UserField[] ProfileFields = UserFields.Columns.ToArray();

    private static readonly string[] Bookkeeping =
        ["password_hash", "allow_safety_event_download", "created_date", "updated_date", "last_login_date", "version", "security_stamp", "external_id", "scim_removed"];

    /// <summary>The columns a read selects (alias u), in the order <see cref="Read"/> takes them.</summary>
    public static readonly string Columns = string.Join(", ", new[] { "id", "company_id" }
        .Concat(ProfileFields.Select(Column)).Concat(Bookkeeping).Select(c => "u." + c));

    /// <summary>How many columns <see cref="Columns"/> holds: the ordinal of whatever a statement selects after them.</summary>
    public static readonly int ColumnCount = 2 + ProfileFields.Length + Bookkeeping.Length;

    public static readonly string InsertSql = $"""
        INSERT INTO users (id, company_id, {string.Join(", ", ProfileFields.Select(Column))}, username_key, employee_id_key,
            password_hash, allow_safety_event_download, search_text, created_date, updated_date, last_login_date, version,
            last_name_key, first_name_key, security_stamp, external_id, scim_removed, import_id)
        VALUES (@id, @companyId, {string.Join(", ", ProfileFields.Select(f => "@" + f.Name))}, @usernameKey, @employeeIdKey,
            @passwordHash, @allowSafetyEventDownload, @searchText, @createdDate, @updatedDate, @lastLoginDate, @version,
            @lastNameKey, @firstNameKey, @securityStamp, @externalId, @scimRemoved, @importId)
        """;

    /// <summary>Writes what a change may change (not the identity, the creation date or the last login) if the version is the expected one.</summary>
    public static readonly string UpdateSql = $"""
        UPDATE users SET {string.Join(", ", ProfileFields.Select(f => $"{Column(f)} = @{f.Name}"))},
            username_key = @usernameKey, employee_id_key = @employeeIdKey, password_hash = @passwordHash, search_text = @searchText,
            updated_date = @updatedDate, version = @version, last_name_key = @lastNameKey, first_name_key = @firstNameKey,
            security_stamp = @securityStamp, external_id = @externalId, scim_removed = @scimRemoved
        WHERE id = @id AND version = @expectedVersion
        """;

    /// <summary>The field's column: its name in snake_case (cellPhoneCountry: cell_phone_country).</summary>
    public static string Column(UserField field)
    {
        var column = new StringBuilder(field.Name.Length + 4);
        foreach (var c in field.Name)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                column.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                column.Append(c);
            }
        }
        return column.ToString();
    }

    /// <summary>The user of the row the reader stands on, selected by <see cref="Columns"/>, without its group roles.</summary>
    public static UserAccount Read(DbDataReader row)
    {
        var profile = new UserProfile();
        for (var i = 0; i < ProfileFields.Length; i++)
        {
            profile = ReadField(ProfileFields[i], row, 2 + i, profile);
        }
        var at = 2 + ProfileFields.Length;
        return new UserAccount
        {
            Id = ColumnValues.Guid(row.GetValue(0)),
            CompanyId = ColumnValues.Guid(row.GetValue(1)),
            Profile = profile,
            PasswordHash = ColumnValues.Text(row, at),
            AllowSafetyEventDownload = ColumnValues.Flag(row.GetValue(at + 1)),
            CreatedDate = ColumnValues.Date(row.GetValue(at + 2)),
            UpdatedDate = ColumnValues.Date(row.GetValue(at + 3)),
            LastLoginDate = ColumnValues.NullableDate(row, at + 4),
            Version = ColumnValues.Int32(row, at + 5),
            SecurityStamp = ColumnValues.Text(row, at + 6) ?? "",
            ExternalId = ColumnValues.Text(row, at + 7),
            StoredExternalId = ColumnValues.Text(row, at + 7),
            ScimRemoved = ColumnValues.Flag(row.GetValue(at + 8)),
        };
    }

    private static UserProfile ReadField(UserField field, DbDataReader row, int ordinal, UserProfile profile) => field switch
    {
        TextField text => text.With(profile, ColumnValues.Text(row, ordinal)),
        FlagField flag => flag.With(profile, ColumnValues.Flag(row.GetValue(ordinal))),
        GroupIdField group => group.With(profile, ColumnValues.NullableGuid(row, ordinal)),
        _ => throw new NotSupportedException($"The store keeps no column for {field.GetType().Name} {field.Name}."),
    };

    /// <summary>The parameters of <see cref="InsertSql"/> and <see cref="UpdateSql"/> (less the expected version).</summary>
    public static DynamicParameters Parameters(UserAccount user, Guid? importId = null)
    {
        var parameters = new DynamicParameters();
        parameters.Add("id", user.Id);
        parameters.Add("companyId", user.CompanyId);
        foreach (var field in ProfileFields)
        {
            Add(parameters, field.Name, field.Value(user.Profile), field switch
            {
                FlagField => DbType.Boolean,
                GroupIdField => DbType.Guid,
                _ => DbType.String,
            });
        }
        parameters.Add("usernameKey", NameKeys.Username(user.Username));
        Add(parameters, "employeeIdKey", NameKeys.EmployeeId(user.Profile.EmployeeId), DbType.String);
        Add(parameters, "passwordHash", user.PasswordHash, DbType.String);
        parameters.Add("allowSafetyEventDownload", user.AllowSafetyEventDownload);
        parameters.Add("searchText", StorageKeys.SearchText(user.Profile));
        parameters.Add("createdDate", user.CreatedDate);
        parameters.Add("updatedDate", user.UpdatedDate);
        Add(parameters, "lastLoginDate", user.LastLoginDate, DbType.DateTimeOffset);
        parameters.Add("version", user.Version);
        parameters.Add("lastNameKey", StorageKeys.SortKey(user.Profile.LastName));
        parameters.Add("firstNameKey", StorageKeys.SortKey(user.Profile.FirstName));
        parameters.Add("securityStamp", user.SecurityStamp);
        Add(parameters, "externalId", user.ExternalId, DbType.String);
        parameters.Add("scimRemoved", user.ScimRemoved);
        Add(parameters, "importId", importId, DbType.Guid);
        return parameters;
    }

    /// <summary>A null goes with its type (an untyped null would leave the engine to guess); a value is typed by Dapper, through its handlers.</summary>
    private static void Add(DynamicParameters parameters, string name, object? value, DbType typeOfNull) =>
        parameters.Add(name, value, value is null ? typeOfNull : null);
}
