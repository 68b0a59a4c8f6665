using System.Data.Common;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// Plain SQL on the app's own database, for what the API cannot do by design: break a write
/// on purpose (a trigger), or try to rewrite the audit trail.
/// </summary>
public static class StoreSql
{
    public static bool IsPostgres(FleetUsersApp app) => Database(app).Name == FleetUsers.Storage.Postgres.PostgresEngine.Name;

    public static Task<int> ExecuteAsync(FleetUsersApp app, string sql) => ExecuteAsync(app.Services, sql);

    /// <summary>The same on the database of any instance (one on an <see cref="IsolatedStore"/>).</summary>
    public static async Task<int> ExecuteAsync(IServiceProvider services, string sql)
    {
        await using var connection = await services.GetRequiredService<SqlDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row (null when none), with parameters named @name.</summary>
    public static Task<object?> ScalarAsync(FleetUsersApp app, string sql, params (string Name, object Value)[] parameters) =>
        ScalarAsync(app.Services, sql, parameters);

    /// <summary>The same on the database of any instance (one on an <see cref="IsolatedStore"/>).</summary>
    public static async Task<object?> ScalarAsync(IServiceProvider services, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await services.GetRequiredService<SqlDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }

    /// <summary>Runs the statement and returns the database's refusal, failing the test if it was accepted.</summary>
    public static async Task<DbException> RefusedAsync(FleetUsersApp app, string sql)
    {
        try
        {
            await ExecuteAsync(app, sql);
        }
        catch (DbException e)
        {
            return e;
        }
        Assert.Fail($"The database accepted: {sql}");
        return null!;
    }

    /// <summary>
    /// A trigger that makes every write of <paramref name="table"/> whose <paramref name="column"/>
    /// holds <paramref name="marker"/> fail. Only rows carrying the marker are affected, so tests
    /// running at the same time are not. Dispose to drop it.
    /// </summary>
    public static async Task<IAsyncDisposable> FailWritesAsync(FleetUsersApp app, string table, string operation, string column, string marker)
    {
        var name = "test_fail_" + Unique.Suffix();
        if (IsPostgres(app))
        {
            await ExecuteAsync(app, $"""
                CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.{column} LIKE '%{marker}%' THEN RAISE EXCEPTION 'failed on purpose by a test'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER {name} BEFORE {operation} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();
                """);
            return new Dropper(app, $"DROP TRIGGER {name} ON {table}; DROP FUNCTION {name}();");
        }
        await ExecuteAsync(app, $"""
            CREATE TRIGGER {name} BEFORE {operation} ON {table} WHEN NEW.{column} LIKE '%{marker}%'
            BEGIN SELECT RAISE(ABORT, 'failed on purpose by a test'); END;
            """);
        return new Dropper(app, $"DROP TRIGGER {name};");
    }

    private static SqlDatabase Database(FleetUsersApp app) => app.Services.GetRequiredService<SqlDatabase>();

    private sealed class Dropper(FleetUsersApp app, string sql) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await ExecuteAsync(app, sql);
    }
}
