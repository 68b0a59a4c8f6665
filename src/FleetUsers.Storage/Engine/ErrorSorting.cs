using System.Data.Common;
using System.Net.Sockets;
using FleetUsers.Application.Ports;

namespace FleetUsers.Storage.Engine;

/// <summary>
/// An engine's errors, sorted: a unique index or a foreign key a write broke (a 409 to the
/// client), a database out of reach or busy (503: try again later), or anything else (a bug: 500).
/// </summary>
public abstract class ErrorSorting
{
    /// <summary>The name of the unique index a failed statement broke, if that is why it failed.</summary>
    public abstract string? UniqueIndexViolated(DbException exception);

    /// <summary>True when a failed statement broke a foreign key (a row still referenced, or a reference to a row gone).</summary>
    public abstract bool ForeignKeyViolated(DbException exception);

    /// <summary>True when a write guarded in a batch (<see cref="SqlDialect.ChangingOneRow"/>) did not change its one row.</summary>
    public virtual bool GuardFailed(DbException exception) => false;

    /// <summary>Whether the engine's own exception says the database is out of reach; null: not one of its exceptions.</summary>
    protected abstract bool? EngineUnavailable(Exception exception);

    /// <summary>Whether the engine's own exception says the connection was lost; null: not one of its exceptions.</summary>
    protected virtual bool? EngineConnectionLost(Exception exception) => null;

    public bool IsUnavailable(Exception exception) => EngineUnavailable(exception) ?? exception switch
    {
        TimeoutException or SocketException => true,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };

    /// <summary>
    /// True when an unavailable database is gone, not busy: the connection was refused, broke or
    /// was shut down by the server, so pooled connections are likely dead too and worth dropping.
    /// A lock wait or statement past the timeout, or a full pool, says nothing of the connections:
    /// dropping them there would make every busy moment a storm of reconnections.
    /// </summary>
    public bool IsConnectionLost(Exception exception) => EngineConnectionLost(exception) ?? exception switch
    {
        SocketException or IOException => true,
        _ => exception.InnerException is { } inner && IsConnectionLost(inner),
    };

    /// <summary>Which value a broken unique index holds, from its name (users.username_key, ux_groups_parent_name_key, ...).</summary>
    public static UniqueValue ValueOf(string index) =>
        index.Contains("username_key", StringComparison.OrdinalIgnoreCase) ? UniqueValue.Username
        : index.Contains("employee_id_key", StringComparison.OrdinalIgnoreCase) ? UniqueValue.EmployeeId
        : index.Contains("groups", StringComparison.OrdinalIgnoreCase) && index.Contains("name_key", StringComparison.OrdinalIgnoreCase) ? UniqueValue.GroupName
        : UniqueValue.Other;
}
