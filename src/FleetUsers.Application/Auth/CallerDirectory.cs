using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Application.Ports;
using Microsoft.Extensions.Caching.Memory;

namespace FleetUsers.Application.Auth;

/// <summary>A caller read earlier, and what the request using it owes: <see cref="CallerConfirmation"/>.</summary>
public sealed record RememberedCaller(Caller Caller, CallerConfirmation Owed);

/// <summary>
/// Looks the bearer of a token up on every request, so a user disabled or removed, or an
/// API client revoked, or a user whose password changed, after the token was issued is refused
/// from the next request on.
/// </summary>
public sealed class CallerDirectory(IDatabase database) : IDisposable
{
    /// <summary>
    /// Users read as callers, by company, id and security stamp, with the version they were read at. Bounded:
    /// one entry per signed-in user in use, forgotten after a while without requests.
    /// </summary>
    private readonly MemoryCache _remembered = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    private static readonly MemoryCacheEntryOptions Entry = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };

    private sealed record Read(Caller Caller, int Version);

    /// <summary>
    /// The user, when it may still log in and <paramref name="securityStamp"/> (the token's) is still its
    /// own: a password change, a reset or disabling the user gives it a new one. Read now, in one statement
    /// with its roles, and remembered for <see cref="Remembered"/>.
    /// </summary>
    public async Task<Caller?> FindActiveAsync(Guid companyId, Guid userId, string securityStamp, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var user = await session.Users.FindAsync(companyId, userId, forUpdate: false, ct);
        var key = (companyId, userId, securityStamp);
        if (user is not { CanLogIn: true } || user.SecurityStamp != securityStamp)
        {
            _remembered.Remove(key);
            return null;
        }
        var caller = Caller.User(user.Id, user.Username, user.CompanyId, user.GroupRoles);
        _remembered.Set(key, new Read(caller, user.Version), Entry);
        return caller;
    }

    /// <summary>
    /// The user as <see cref="FindActiveAsync"/> last read it with this security stamp, without reading it now:
    /// the request owes the returned confirmation before it acts (its first statement sends it). Null when not remembered.
    /// </summary>
    public RememberedCaller? Remembered(Guid companyId, Guid userId, string securityStamp) =>
        _remembered.TryGetValue((companyId, userId, securityStamp), out Read? read) && read is not null
            ? new RememberedCaller(read.Caller, new CallerConfirmation(companyId, userId, securityStamp, read.Version))
            : null;

    public async Task<Caller?> FindActiveClientAsync(Guid companyId, Guid clientId, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var client = await session.Clients.FindAsync(clientId, ct);
        return client is { IsActive: true } && client.CompanyId == companyId
            ? Caller.Client(client.Id, client.Name, client.CompanyId, [new GroupRole(client.GroupId, client.RoleId)])
            : null;
    }

    public void Dispose() => _remembered.Dispose();
}
