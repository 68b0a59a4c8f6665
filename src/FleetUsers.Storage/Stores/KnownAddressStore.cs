using Dapper;
using FleetUsers.Application.Ports;

namespace FleetUsers.Storage.Stores;

/// <summary>
/// When each name last proved its credential from an address (key "username:...|address" or
/// "client:...|address"), kept as a hash of the key like <see cref="LoginFailureStore"/>'s.
/// </summary>
internal sealed class KnownAddressStore(SqlSession session) : IKnownAddressStore
{
    /// <summary>True when the key had a success after <paramref name="since"/>.</summary>
    public async Task<bool> ContainsAsync(string key, DateTimeOffset since, CancellationToken ct) =>
        await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<int?>(session.Command(
            "SELECT 1 FROM login_known_addresses WHERE throttle_key = @key AND last_success_at > @since",
            new { key = LoginFailureStore.Hash(key), since }, ct)) is not null;

    /// <summary>Records a success of the key now, and forgets successes older than <paramref name="forgetBefore"/>.</summary>
    public async Task RememberAsync(string key, DateTimeOffset at, DateTimeOffset forgetBefore, CancellationToken ct)
    {
        await session.ExecuteAsync("""
            INSERT INTO login_known_addresses (throttle_key, last_success_at) VALUES (@key, @at)
            ON CONFLICT (throttle_key) DO UPDATE SET last_success_at = excluded.last_success_at
            """, new { key = LoginFailureStore.Hash(key), at }, ct);
        await session.ExecuteAsync("DELETE FROM login_known_addresses WHERE last_success_at <= @forgetBefore", new { forgetBefore }, ct);
    }
}
