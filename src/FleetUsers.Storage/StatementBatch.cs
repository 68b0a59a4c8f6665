using System.Data.Common;
using Dapper;

namespace FleetUsers.Storage;

/// <summary>
/// Statements sent to the server together, in one round trip (ADO.NET's <see cref="DbBatch"/>), on an engine
/// whose connections make batches (PostgreSQL; SQLite's do not, and pays nothing for a round trip). The SQL and
/// its parameters are the ones the stores give Dapper (@name, an anonymous object or <see cref="DynamicParameters"/>).
/// </summary>
internal static class StatementBatch
{
    public static DbBatch Create(SqlSession session)
    {
        var batch = session.Connection.CreateBatch();
        batch.Transaction = session.Transaction;
        batch.Timeout = session.Database.CommandTimeoutSeconds;
        return batch;
    }

    public static void Add(DbBatch batch, string sql, object? parameters)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var (name, value) in Values(parameters))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        batch.BatchCommands.Add(command);
    }

    private static IEnumerable<(string Name, object Value)> Values(object? parameters) => parameters switch
    {
        null => [],
        DynamicParameters dynamic => dynamic.ParameterNames.Select(name => (name, Value(dynamic.Get<object?>(name)))),
        _ => parameters.GetType().GetProperties().Select(p => (p.Name, Value(p.GetValue(parameters)))),
    };

    /// <summary>As Dapper's handlers give it (<see cref="DapperSetup"/>): dates in UTC; a null as the database's.</summary>
    private static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset date => date.ToUniversalTime(),
        _ => value,
    };
}
