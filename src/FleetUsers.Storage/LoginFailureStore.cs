using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace FleetUsers.Storage;

/// <summary>
/// Failed logins by throttle key ("username:..." or "address:..."). The database keeps only a
/// hash of each key: a user who typed a password into the name field leaves no trace of it here.
/// </summary>
public sealed class LoginFailureStore
{
    private readonly StorageSession _session;

    internal LoginFailureStore(StorageSession session) => _session = session;

    /// <summary>When the key's failures since <paramref name="since"/> happened, oldest first.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> SinceAsync(string key, DateTimeOffset since, CancellationToken ct) =>
        (await _session.Connection.QueryAsync<DateTimeOffset>(_session.Command(
            "SELECT failed_at FROM login_failures WHERE throttle_key = @key AND failed_at > @since ORDER BY failed_at",
            new { key = Hash(key), since }, ct))).AsList();

    public async Task RecordAsync(IEnumerable<string> keys, DateTimeOffset at, CancellationToken ct) =>
        await _session.ExecuteAsync("INSERT INTO login_failures (throttle_key, failed_at) VALUES (@Key, @At)",
            keys.Select(k => new { Key = Hash(k), At = at }).ToList(), ct);

    /// <summary>Forgets the key's failures (a username, after its user logged in).</summary>
    public async Task ForgetAsync(string key, CancellationToken ct) =>
        await _session.ExecuteAsync("DELETE FROM login_failures WHERE throttle_key = @key", new { key = Hash(key) }, ct);

    /// <summary>Deletes every failure older than <paramref name="before"/>: they no longer count.</summary>
    public async Task PurgeAsync(DateTimeOffset before, CancellationToken ct) =>
        await _session.ExecuteAsync("DELETE FROM login_failures WHERE failed_at <= @before", new { before }, ct);

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
