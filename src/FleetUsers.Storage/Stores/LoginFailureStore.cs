using System.Security.Cryptography;
using System.Text;
using Dapper;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Ports;
using FleetUsers.Domain.Access;

namespace FleetUsers.Storage.Stores;

/// <summary>
/// Failed logins by throttle key ("username:..." or "address:..."). The database keeps only a
/// hash of each key: a user who typed a password into the name field leaves no trace of it here.
/// </summary>
internal sealed class LoginFailureStore(SqlSession session) : ILoginFailureStore
{
    /// <summary>
    /// The three keys' failures and whether the name is known at the address, in one statement: the throttle
    /// asks at every attempt, twice (once without a lock, once holding it). A known address is the row with no
    /// failed_at. In no order: the policy orders them (<see cref="LoginThrottle.RetryAfter(IEnumerable{DateTimeOffset}, int, DateTimeOffset)"/>).
    /// </summary>
    public async Task<AttemptHistory> HistoryAsync(ThrottleKeys keys, DateTimeOffset since, DateTimeOffset knownSince, CancellationToken ct)
    {
        var hashed = Hashes(keys);
        var rows = await (await session.ConnectionAsync(ct)).QueryAsync<HistoryRow>(session.Command("""
            SELECT throttle_key AS Key, failed_at AS FailedAt FROM login_failures
            WHERE throttle_key IN (@NameAtAddress, @Name, @Address) AND failed_at > @since
            UNION ALL
            SELECT throttle_key, NULL FROM login_known_addresses WHERE throttle_key = @NameAtAddress AND last_success_at > @knownSince
            """, new { hashed.NameAtAddress, hashed.Name, hashed.Address, since, knownSince }, ct));
        List<DateTimeOffset> nameAtAddress = [], name = [], address = [];
        var known = false;
        foreach (var row in rows)
        {
            if (row.FailedAt is not { } at)
            {
                known = true;
                continue;
            }
            (row.Key == hashed.NameAtAddress ? nameAtAddress : row.Key == hashed.Name ? name : address).Add(at);
        }
        return new AttemptHistory(nameAtAddress, name, address, known);
    }

    /// <summary>
    /// Until this session ends, no other session takes the same keys' lock: checking a key's
    /// failures and counting a new one become one step (PostgreSQL advisory locks, taken in one
    /// order so two sessions never wait on each other; SQLite write sessions are serial already).
    /// </summary>
    public Task LockAsync(ThrottleKeys keys, CancellationToken ct) =>
        session.Database.Dialect.LockAsync(session,
            keys.All.Select(k => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(k)))).Distinct().Order().ToList(), ct);

    /// <summary>Counts one failure of each key, made by the given attempt (sent with the commit where the engine batches).</summary>
    public Task RecordAsync(ThrottleKeys keys, DateTimeOffset at, Guid attempt, CancellationToken ct)
    {
        var hashed = Hashes(keys);
        return session.WriteWithCommitAsync("""
            INSERT INTO login_failures (throttle_key, failed_at, attempt_id)
            VALUES (@NameAtAddress, @at, @attempt), (@Name, @at, @attempt), (@Address, @at, @attempt)
            """, new { hashed.NameAtAddress, hashed.Name, hashed.Address, at, attempt }, ct);
    }

    /// <summary>Takes the attempt's count back from the name and the address, and forgets the name's failures at the address.</summary>
    public Task ForgetSucceededAsync(ThrottleKeys keys, Guid attempt, CancellationToken ct)
    {
        var hashed = Hashes(keys);
        return session.WriteWithCommitAsync("""
            DELETE FROM login_failures
            WHERE throttle_key = @NameAtAddress OR (throttle_key IN (@Name, @Address) AND attempt_id = @attempt)
            """, new { hashed.NameAtAddress, hashed.Name, hashed.Address, attempt }, ct);
    }

    /// <summary>Deletes every failure older than <paramref name="before"/>: they no longer count.</summary>
    public Task PurgeAsync(DateTimeOffset before, CancellationToken ct) =>
        session.WriteWithCommitAsync("DELETE FROM login_failures WHERE failed_at <= @before", new { before }, ct);

    private static ThrottleKeys Hashes(ThrottleKeys keys) => new(Hash(keys.NameAtAddress), Hash(keys.Name), Hash(keys.Address));

    private sealed class HistoryRow
    {
        public string Key { get; init; } = "";

        public DateTimeOffset? FailedAt { get; init; }
    }

    /// <summary>What the database keeps of a throttle key: its SHA-256, never the name or address it holds.</summary>
    internal static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
