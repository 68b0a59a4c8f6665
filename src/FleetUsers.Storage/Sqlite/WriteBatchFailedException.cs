namespace FleetUsers.Storage.Sqlite;

/// <summary>
/// The batch a write session was committed into did not become durable (its COMMIT failed, or SQLite
/// rolled the whole transaction back after another session's error): the write is not there. Sorted
/// as the database unavailable (503: try again).
/// </summary>
public sealed class WriteBatchFailedException(Exception? cause)
    : Exception("The write was not committed: the SQLite transaction of its batch failed" + (cause is null ? "." : $" ({cause.Message})"), cause);
