using Dapper;
using FleetUsers.Application.Ports;

namespace FleetUsers.Storage.Stores;

/// <summary>
/// When each name last proved its credential from an address (key "username:...|address" or
/// "client:...|address"), kept as a hash of the key like <see cref="LoginFailureStore"/>'s.
/// </summary>
internal sealed class KnownAddressStore(SqlSession session) : IKnownAddressStore
{
    /// <summary>Records a success of the key now, and forgets successes older than <paramref name="forgetBefore"/>.</summary>
    public async Task RememberAsync(string key, DateTimeOffset at, DateTimeOffset forgetBefore, CancellationToken ct)
    {
        // Nothing reads their results: sent with the commit where the engine batches.
        await session.WriteWithCommitAsync("""
            INSERT INTO login_known_addresses (throttle_key, last_success_at) VALUES (@key, @at)
            ON CONFLICT (throttle_key) DO UPDATE SET last_success_at = excluded.last_success_at
            """, new { key = LoginFailureStore.Hash(key), at }, ct);
        await session.WriteWithCommitAsync("DELETE FROM login_known_addresses WHERE last_success_at <= @forgetBefore", new { forgetBefore }, ct);
    }
}
