using System.Data;
using System.Data.Common;
using System.Globalization;

namespace FleetUsers.Storage;

/// <summary>Values as the engines return them (SQLite: UUIDs and dates as text, flags as integers), read as one type.</summary>
internal static class ColumnValues
{
    public static Guid Guid(object value) => value switch
    {
        Guid guid => guid,
        string text => System.Guid.Parse(text),
        _ => throw new DataException($"Cannot read a UUID from {value.GetType().Name}."),
    };

    public static DateTimeOffset Date(object value) => value switch
    {
        DateTimeOffset date => date,
        DateTime date => new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new DataException($"Cannot read a date from {value.GetType().Name}."),
    };

    public static bool Flag(object value) => value switch
    {
        bool flag => flag,
        long number => number != 0,
        int number => number != 0,
        _ => throw new DataException($"Cannot read true or false from {value.GetType().Name}."),
    };

    public static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static Guid? NullableGuid(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Guid(reader.GetValue(ordinal));

    public static DateTimeOffset? NullableDate(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Date(reader.GetValue(ordinal));

    public static int Int32(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
