using System.Collections;
using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// What Microsoft.Data.Sqlite holds on a connection, read through its private fields (it shows none of it): the
/// commands the connection keeps until it closes, and the statements they hold prepared with SQLite's own count of
/// their runs (SQLitePCL's sqlite3_next_stmt must be enabled at each open, and this SQLite has no sqlite_stmt table).
/// </summary>
public static class SqliteDriverState
{
    /// <summary>sqlite3.h's SQLITE_STMTSTATUS_RUN, which SQLitePCL.raw does not name: how many times a statement ran.</summary>
    private const int StatementRuns = 6;

    private static readonly FieldInfo CommandsField = typeof(SqliteConnection).GetField("_commands", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException("Microsoft.Data.Sqlite no longer names its list of commands _commands: look again at how it tracks them");

    private static readonly FieldInfo StatementsField = typeof(SqliteCommand).GetField("_preparedStatements", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException("Microsoft.Data.Sqlite no longer names a command's statements _preparedStatements");

    /// <summary>The length of the connection's list of commands (made on it and not disposed; the list holds them weakly, so a collected one stays listed until the connection closes).</summary>
    public static int CommandsListed(DbConnection connection) => ((ICollection)CommandsField.GetValue((SqliteConnection)connection)!).Count;

    /// <summary>The commands on the connection's list that are still alive.</summary>
    public static List<SqliteCommand> Commands(DbConnection connection)
    {
        var commands = new List<SqliteCommand>();
        foreach (WeakReference<SqliteCommand> reference in (IEnumerable)CommandsField.GetValue((SqliteConnection)connection)!)
        {
            if (reference.TryGetTarget(out var command))
            {
                commands.Add(command);
            }
        }
        return commands;
    }

    /// <summary>The statements the connection's commands hold prepared, with how many times each ran.</summary>
    public static List<(string Sql, int Runs)> Statements(DbConnection connection)
    {
        var statements = new List<(string, int)>();
        foreach (var command in Commands(connection))
        {
            foreach (ITuple entry in (IEnumerable)StatementsField.GetValue(command)!)
            {
                var statement = (sqlite3_stmt)entry[0]!;
                statements.Add((raw.sqlite3_sql(statement).utf8_to_string(), raw.sqlite3_stmt_status(statement, StatementRuns, 0)));
            }
        }
        return statements;
    }
}
