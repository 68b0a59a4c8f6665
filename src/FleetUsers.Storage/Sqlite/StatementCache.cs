using Microsoft.Data.Sqlite;

namespace FleetUsers.Storage.Sqlite;

/// <summary>
/// One connection's prepared statements, by SQL text: a <see cref="SqliteCommand"/> keeps its statements
/// compiled between runs, so a text run again skips SQLite's parser and planner (which took most of SQLite's
/// share of the CPU of a GET). At most <see cref="Capacity"/> texts are kept; the one used least recently makes
/// room. A command is in use from its rent until it is given back and the reader it opened is closed (Dapper may
/// dispose a command before its reader, or a reader without its command). Used by one session at a time, as its
/// connection is, so it takes no lock.
/// </summary>
internal sealed class StatementCache(SqliteConnection connection)
{
    /// <summary>More than the service's statements that run often; rarer texts (the column sets of a change) take turns.</summary>
    public const int Capacity = 64;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Commands made outside the cache (a text already in use, or a cache full of used ones) whose reader was
    // still open when they were given back: disposed once it closes.
    private readonly List<(SqliteCommand Command, SqliteDataReader Reader)> _outsiders = [];
    private long _uses;

    /// <summary>True while a reader opened through the cache is still open: its statement holds a read snapshot.</summary>
    public bool Reading
    {
        get
        {
            foreach (var entry in _entries.Values)
            {
                if (entry.Reader is { IsClosed: false })
                {
                    return true;
                }
            }
            return _outsiders.Exists(o => !o.Reader.IsClosed);
        }
    }

    /// <summary>The cached command for the text, or a command of its own when the cached one is in use (a read inside another).</summary>
    public SqliteCommand Rent(string sql)
    {
        if (_entries.TryGetValue(sql, out var entry))
        {
            if (entry.Rented && !TryFree(entry))
            {
                return new SqliteCommand(sql, connection);
            }
            entry.Rented = true;
            entry.LastUse = ++_uses;
            return entry.Command;
        }
        if (_entries.Count >= Capacity && !Evict())
        {
            return new SqliteCommand(sql, connection);
        }
        var command = new SqliteCommand(sql, connection);
        _entries.Add(sql, new Entry(command) { Rented = true, LastUse = ++_uses });
        return command;
    }

    /// <summary>The reader a rented command opened: the command stays in use until that reader is closed.</summary>
    public void Opened(SqliteCommand command, SqliteDataReader reader)
    {
        if (_entries.TryGetValue(command.CommandText, out var entry) && ReferenceEquals(entry.Command, command))
        {
            entry.Reader = reader;
        }
    }

    /// <summary>
    /// A command given back after its run: free again once its reader (if any) is closed. One made outside the
    /// cache is disposed then.
    /// </summary>
    public void Return(SqliteCommand command, SqliteDataReader? reader)
    {
        SweepOutsiders();
        if (_entries.TryGetValue(command.CommandText, out var entry) && ReferenceEquals(entry.Command, command))
        {
            TryFree(entry);
        }
        else if (reader is { IsClosed: false })
        {
            _outsiders.Add((command, reader));
        }
        else
        {
            command.Dispose();
        }
    }

    /// <summary>Forgets every command (the connection disposes them as it closes).</summary>
    public void Clear()
    {
        _entries.Clear();
        _outsiders.Clear();
    }

    /// <summary>Frees an entry whose reader, if it opened one, is closed; its caller's values and transaction are dropped.</summary>
    private static bool TryFree(Entry entry)
    {
        if (entry.Reader is { IsClosed: false })
        {
            return false;
        }
        entry.Command.Parameters.Clear();
        entry.Command.Transaction = null;
        entry.Reader = null;
        entry.Rented = false;
        return true;
    }

    private void SweepOutsiders()
    {
        for (var i = _outsiders.Count - 1; i >= 0; i--)
        {
            if (_outsiders[i].Reader.IsClosed)
            {
                _outsiders[i].Command.Dispose();
                _outsiders.RemoveAt(i);
            }
        }
    }

    private bool Evict()
    {
        Entry? oldest = null;
        foreach (var entry in _entries.Values)
        {
            if ((!entry.Rented || entry.Reader is { IsClosed: true }) && (oldest is null || entry.LastUse < oldest.LastUse))
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

        /// <summary>Rented and not yet free: running, given back with its reader open, or its reader not yet given back.</summary>
        public bool Rented { get; set; }

        public SqliteDataReader? Reader { get; set; }

        public long LastUse { get; set; }
    }
}
