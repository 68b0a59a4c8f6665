using Dapper;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Storage;
using Npgsql;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// The trigram index behind searchText keeps a short pending list (migration 0150): every search reads the whole
/// list, which PostgreSQL lets grow to 4 MB under writes, and with it near that size the search statement ran at a
/// third of its speed (bench/README, item 26). The change takes the index's strongest lock, so the migration asks
/// for it in short tries and never leaves requests on users queued behind it.
/// </summary>
public sealed class PostgresSearchIndexTests(PostgresApp app)
{
    private const string Script = "FleetUsers.Storage.Migrations.Postgres.0150_search_pending_list.sql";

    [StoreFact(Only = "postgres")]
    public async Task TheTrigramIndexMergesItsPendingEntriesEvery128Kilobytes()
    {
        Assert.Equal("gin_pending_list_limit=128", await StoreSql.ScalarAsync(app, OptionsSql));
    }

    [StoreFact(Only = "postgres")]
    public async Task TheMigration_WaitsForALongReaderOfUsers_WithoutHoldingUpTheRequestsThatCome()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await IsolatedStore.CreateMigratedAsync(app);
        await using var setup = await store.OpenPostgresAsync(ct);
        await setup.ExecuteAsync(new CommandDefinition("ALTER INDEX ix_users_search_text RESET (gin_pending_list_limit)", cancellationToken: ct));

        // A long reader: an open transaction that has read users (and so holds a lock on each of its indexes).
        await using var reader = await store.OpenPostgresAsync(ct);
        await using var reading = await reader.BeginTransactionAsync(ct);
        await reader.ExecuteAsync(new CommandDefinition("SELECT count(*) FROM users", transaction: reading, cancellationToken: ct));

        await using var migrating = await store.OpenPostgresAsync(ct);
        var migration = RunScriptAsync(migrating, ct);
        await WaitUntilWaitingForALockAsync(setup, migrating.ProcessID, ct);

        // A request meanwhile: queued behind the migration's lock, it would give up after 2 s.
        PostgresException? heldUp = null;
        await using (var request = await store.OpenPostgresAsync(ct))
        {
            try
            {
                await request.ExecuteAsync(new CommandDefinition("SET lock_timeout = '2s'", cancellationToken: ct));
                await request.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM users WHERE search_text LIKE '%smith%'", cancellationToken: ct));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                heldUp = e;
            }
        }
        var migratedBeforeTheReaderEnded = migration.IsCompleted;
        await reading.CommitAsync(ct);
        await migration;

        Assert.Null(heldUp);
        Assert.False(migratedBeforeTheReaderEnded);
        Assert.Equal("gin_pending_list_limit=128", await setup.ExecuteScalarAsync<string>(new CommandDefinition(OptionsSql, cancellationToken: ct)));
    }

    private const string OptionsSql =
        "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'ix_users_search_text' AND relkind = 'i'";

    private static async Task RunScriptAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var stream = typeof(StorageRegistration).Assembly.GetManifestResourceStream(Script)!;
        var sql = await new StreamReader(stream).ReadToEndAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, commandTimeout: 0, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }

    /// <summary>Until the session is seen waiting for a lock: the migration is trying to take the index's.</summary>
    private static async Task WaitUntilWaitingForALockAsync(NpgsqlConnection observer, int processId, CancellationToken ct)
    {
        for (var tries = 0; tries < 3_000; tries++)
        {
            if (await observer.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = @processId AND wait_event_type = 'Lock')",
                new { processId }, cancellationToken: ct)))
            {
                return;
            }
            await Task.Delay(10, ct);
        }
        Assert.Fail("The migration was never seen waiting for the index's lock");
    }
}
