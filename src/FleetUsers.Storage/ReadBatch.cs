using System.Data.Common;
using FleetUsers.Application.Auth;

namespace FleetUsers.Storage;

/// <summary>
/// Reads sent together in one round trip (<see cref="StatementBatch"/>), on an engine whose connections make
/// batches. When the request still owes its caller's confirmation and this is its first statement, the
/// confirmation goes first in the same round trip, and the reader handed back starts at the first read added.
/// </summary>
internal sealed class ReadBatch : IAsyncDisposable
{
    private readonly DbBatch _batch;
    private readonly CallerConfirmation? _confirmation;

    private ReadBatch(DbBatch batch, CallerConfirmation? confirmation)
    {
        _batch = batch;
        _confirmation = confirmation;
    }

    /// <summary>A batch on the session's connection, once the writes it held back are sent.</summary>
    public static async Task<ReadBatch> StartAsync(SqlSession session, CancellationToken ct)
    {
        await session.SendWritesAsync(ct);
        var batch = StatementBatch.Create(session);
        var confirmation = session.TakeCallerConfirmation();
        if (confirmation is not null)
        {
            StatementBatch.Add(batch, Stores.UserStore.CallerVersionSql, Stores.UserStore.CallerVersionParameters(confirmation));
        }
        return new ReadBatch(batch, confirmation);
    }

    public void Add(string sql, object? parameters) => StatementBatch.Add(_batch, sql, parameters);

    /// <summary>The reader, at the first read added; throws <see cref="CallerChangedException"/> when the caller's confirmation fails.</summary>
    public async Task<DbDataReader> ExecuteReaderAsync(CancellationToken ct)
    {
        var reader = await _batch.ExecuteReaderAsync(ct);
        if (_confirmation is null)
        {
            return reader;
        }
        try
        {
            _confirmation.Settle(await reader.ReadAsync(ct) ? reader.GetInt32(0) : null);
            await reader.NextResultAsync(ct);
            return reader;
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _batch.DisposeAsync();
}
