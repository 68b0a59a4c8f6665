using System.Data;
using System.Globalization;
using Dapper;

namespace FleetUsers.Storage;

/// <summary>
/// Teaches Dapper the two types SQLite keeps as text (UUIDs and dates), so the same row
/// classes and statements serve both stores. Dates are always written in UTC.
/// </summary>
internal static class DapperSetup
{
    private static int _done;

    public static void EnsureConfigured()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1)
        {
            return;
        }
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value) => parameter.Value = value;

        public override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            _ => throw new DataException($"Cannot read a UUID from {value.GetType().Name}."),
        };
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) =>
            parameter.Value = value.ToUniversalTime();

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset date => date,
            DateTime date => new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)),
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            _ => throw new DataException($"Cannot read a date from {value.GetType().Name}."),
        };
    }
}
