using Microsoft.Data.Sqlite;

namespace FleetUsers.Storage.Sqlite;

/// <summary>
/// One connection's prepared statements, by SQL text: a <see cref="SqliteCommand"/> keeps its statements
/// compiled between runs, so a text run again skips SQLite's parser and planner (which took most of SQLite's
/// share of the CPU of a GET). At most <see cref="Capacity"/> texts are kept; the one used least recently makes
/// room. Used by one session at a time, as its connection is, so it takes no lock.
/// </summary>
internal sealed class StatementCache(SqliteConnection connection)
{
    /// <summary>More than the service's statements that run often; rarer texts (the column sets of a change) take turns.</summary>
    public const int Capacity = 64;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _uses;

    /// <summary>The cached command for the text, or a command of its own when the cached one is running (a read inside another).</summary>
    public SqliteCommand Rent(string sql)
    {
        if (_entries.TryGetValue(sql, out var entry))
        {
            if (entry.Running)
            {
                return new SqliteCommand(sql, connection);
            }
            entry.Running = true;
            entry.LastUse = ++_uses;
            return entry.Command;
        }
        if (_entries.Count >= Capacity && !Evict())
        {
            return new SqliteCommand(sql, connection);
        }
        var command = new SqliteCommand(sql, connection);
        _entries.Add(sql, new Entry(command) { Running = true, LastUse = ++_uses });
        return command;
    }

    /// <summary>
    /// A command given back after its run. One whose reader is still open (<paramref name="reusable"/> false) is
    /// forgotten, not disposed under its reader: the connection disposes it when it closes.
    /// </summary>
    public void Return(SqliteCommand command, bool reusable)
    {
        command.Parameters.Clear(); // no caller's values or transaction kept alive by the cache
        command.Transaction = null;
        if (_entries.TryGetValue(command.CommandText, out var entry) && ReferenceEquals(entry.Command, command))
        {
            if (reusable)
            {
                entry.Running = false;
            }
            else
            {
                _entries.Remove(command.CommandText);
            }
            return;
        }
        if (reusable)
        {
            command.Dispose();
        }
    }

    /// <summary>Forgets every command (the connection disposes them as it closes).</summary>
    public void Clear() => _entries.Clear();

    private bool Evict()
    {
        Entry? oldest = null;
        foreach (var entry in _entries.Values)
        {
            if (!entry.Running && (oldest is null || entry.LastUse < oldest.LastUse))
            {
                oldest = entry;
            }
        }
        if (oldest is null)
        {
            return false;
        }
        _entries.Remove(oldest.Command.CommandText);
        oldest.Command.Dispose();
        return true;
    }

    private sealed class Entry(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public bool Running { get; set; }

        public long LastUse { get; set; }
    }
}
