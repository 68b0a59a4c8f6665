using System.Security.Cryptography;
using System.Text;
using Dapper;
using FleetUsers.Application.Ports;

namespace FleetUsers.Storage.Stores;

/// <summary>
/// Failed logins by throttle key ("username:..." or "address:..."). The database keeps only a
/// hash of each key: a user who typed a password into the name field leaves no trace of it here.
/// </summary>
internal sealed class LoginFailureStore(SqlSession session) : ILoginFailureStore
{
    /// <summary>When the key's failures since <paramref name="since"/> happened, oldest first.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> SinceAsync(string key, DateTimeOffset since, CancellationToken ct) =>
        (await (await session.ConnectionAsync(ct)).QueryAsync<DateTimeOffset>(session.Command(
            "SELECT failed_at FROM login_failures WHERE throttle_key = @key AND failed_at > @since ORDER BY failed_at",
            new { key = Hash(key), since }, ct))).AsList();

    /// <summary>
    /// Until this session ends, no other session takes the same keys' lock: checking a key's
    /// failures and counting a new one become one step (PostgreSQL advisory locks, taken in one
    /// order so two sessions never wait on each other; SQLite write sessions are serial already).
    /// </summary>
    public async Task LockAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        foreach (var key in keys.Select(k => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(k)))).Distinct().Order())
        {
            await session.Database.Dialect.LockAsync(session, key, ct);
        }
    }

    /// <summary>Counts one failure of each key, made by the given attempt.</summary>
    public async Task RecordAsync(IEnumerable<string> keys, DateTimeOffset at, Guid attempt, CancellationToken ct) =>
        await session.ExecuteAsync("INSERT INTO login_failures (throttle_key, failed_at, attempt_id) VALUES (@Key, @At, @Attempt)",
            keys.Select(k => new { Key = Hash(k), At = at, Attempt = attempt }).ToList(), ct);

    /// <summary>Takes back the failure of the key that the attempt counted (it proved to be no failure).</summary>
    public async Task ForgetAttemptAsync(string key, Guid attempt, CancellationToken ct) =>
        await session.ExecuteAsync("DELETE FROM login_failures WHERE throttle_key = @key AND attempt_id = @attempt",
            new { key = Hash(key), attempt }, ct);

    /// <summary>Forgets the key's failures (a username, after its user logged in).</summary>
    public async Task ForgetAsync(string key, CancellationToken ct) =>
        await session.ExecuteAsync("DELETE FROM login_failures WHERE throttle_key = @key", new { key = Hash(key) }, ct);

    /// <summary>Deletes every failure older than <paramref name="before"/>: they no longer count.</summary>
    public async Task PurgeAsync(DateTimeOffset before, CancellationToken ct) =>
        await session.ExecuteAsync("DELETE FROM login_failures WHERE failed_at <= @before", new { before }, ct);

    /// <summary>What the database keeps of a throttle key: its SHA-256, never the name or address it holds.</summary>
    internal static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
