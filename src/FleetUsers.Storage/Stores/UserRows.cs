using System.Collections.Concurrent;
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

    /// <summary>A column a change may write (not the identity, the creation date or the last login): its parameter and the user's value for it.</summary>
    private sealed record Changeable(string Column, string Parameter, Func<UserAccount, object?> Value, DbType TypeOfNull);

    private static readonly Changeable[] ChangeableColumns = AtMost64(
    [
        .. ProfileFields.Select(f => new Changeable(Column(f), f.Name, u => f.Value(u.Profile), f switch
        {
            FlagField => DbType.Boolean,
            GroupIdField => DbType.Guid,
            _ => DbType.String,
        })),
        new("username_key", "usernameKey", u => NameKeys.Username(u.Username), DbType.String),
        new("employee_id_key", "employeeIdKey", u => NameKeys.EmployeeId(u.Profile.EmployeeId), DbType.String),
        new("password_hash", "passwordHash", u => u.PasswordHash, DbType.String),
        new("search_text", "searchText", u => StorageKeys.SearchText(u.Profile), DbType.String),
        new("updated_date", "updatedDate", u => u.UpdatedDate, DbType.DateTimeOffset),
        new("version", "version", u => u.Version, DbType.Int32),
        new("last_name_key", "lastNameKey", u => StorageKeys.SortKey(u.Profile.LastName), DbType.String),
        new("first_name_key", "firstNameKey", u => StorageKeys.SortKey(u.Profile.FirstName), DbType.String),
        new("security_stamp", "securityStamp", u => u.SecurityStamp, DbType.String),
        new("external_id", "externalId", u => u.ExternalId, DbType.String),
        new("scim_removed", "scimRemoved", u => u.ScimRemoved, DbType.Boolean),
    ]);

    private static Changeable[] AtMost64(Changeable[] columns) =>
        columns.Length <= 64 ? columns : throw new InvalidOperationException("UpdateSqls keys a set of changeable columns by the bits of a ulong.");

    // An UPDATE per set of columns written (a bit per column of ChangeableColumns, so at most 64 of them), built once
    // each. The sets met are few (a PUT of the same profile writes two columns), so PostgreSQL's automatic
    // preparation, which keeps 64 statements a connection, keeps them as it kept the one UPDATE before.
    private static readonly ConcurrentDictionary<ulong, string> UpdateSqls = new();

    /// <summary>The values a change may write, in <see cref="ChangeableColumns"/>' order: what <see cref="Update"/> compares.</summary>
    public static object?[] ChangeableValues(UserAccount user) => ChangeableColumns.Select(c => c.Value(user)).ToArray();

    // Written by every change, whatever else it writes: the guard of the next one.
    private static readonly int VersionColumn = Array.FindIndex(ChangeableColumns, c => c.Column == "version");

    /// <summary>
    /// The UPDATE of a change, if the version is the expected one, writing only the columns whose values differ
    /// from <paramref name="stored"/> (the row as read, <see cref="ChangeableValues"/>), and always the version;
    /// without <paramref name="stored"/>, every column. SQLite rewrites the entries of every index on a column
    /// the statement sets, even to the same value: setting them all doubled the pages a PUT wrote to the log.
    /// <c>Values</c> are the user's, for the next change of it in the same session to compare with.
    /// </summary>
    public static (string Sql, DynamicParameters Parameters, object?[] Values) Update(UserAccount user, int expectedVersion, object?[]? stored)
    {
        var values = ChangeableValues(user);
        var parameters = new DynamicParameters();
        parameters.Add("id", user.Id);
        parameters.Add("expectedVersion", expectedVersion);
        var written = 0UL;
        for (var i = 0; i < ChangeableColumns.Length; i++)
        {
            if (stored is null || !Equals(stored[i], values[i]) || i == VersionColumn)
            {
                written |= 1UL << i;
                Add(parameters, ChangeableColumns[i].Parameter, values[i], ChangeableColumns[i].TypeOfNull);
            }
        }
        return (UpdateSqls.GetOrAdd(written, UpdateSql), parameters, values);
    }

    private static string UpdateSql(ulong written) =>
        $"UPDATE users SET {string.Join(", ", ChangeableColumns.Where((_, i) => (written & (1UL << i)) != 0).Select(c => $"{c.Column} = @{c.Parameter}"))} " +
        "WHERE id = @id AND version = @expectedVersion";

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

    /// <summary>The parameters of <see cref="InsertSql"/>.</summary>
    public static DynamicParameters Parameters(UserAccount user, Guid? importId = null)
    {
        var parameters = new DynamicParameters();
        parameters.Add("id", user.Id);
        parameters.Add("companyId", user.CompanyId);
        foreach (var column in ChangeableColumns)
        {
            Add(parameters, column.Parameter, column.Value(user), column.TypeOfNull);
        }
        parameters.Add("allowSafetyEventDownload", user.AllowSafetyEventDownload);
        parameters.Add("createdDate", user.CreatedDate);
        Add(parameters, "lastLoginDate", user.LastLoginDate, DbType.DateTimeOffset);
        Add(parameters, "importId", importId, DbType.Guid);
        return parameters;
    }

    /// <summary>A null goes with its type (an untyped null would leave the engine to guess); a value is typed by Dapper, through its handlers.</summary>
    private static void Add(DynamicParameters parameters, string name, object? value, DbType typeOfNull) =>
        parameters.Add(name, value, value is null ? typeOfNull : null);
}
