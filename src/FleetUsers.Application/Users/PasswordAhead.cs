using FleetUsers.Application.Auth;
using FleetUsers.Application.Ports;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Users;

/// <summary>
/// The hash of the password a draft sends, made before the write transaction opens (a hash takes
/// tens of milliseconds, and no write should wait that long for another's lock), but only once the
/// caller was found allowed to make the write, in a read of its own: a caller that may not write
/// the user cannot make the service hash. The write transaction checks everything again.
/// </summary>
public sealed class PasswordAhead(IDatabase database, PasswordHashing passwords)
{
    public async Task<string?> HashAsync(UserDraft draft, Func<IStorageSession, Task> requireAllowed, CancellationToken ct)
    {
        if (draft.Password is not { } password)
        {
            return null;
        }
        await using (var session = await database.BeginAsync(write: false, ct))
        {
            await requireAllowed(session);
        }
        return await passwords.HashAsync(password, ct);
    }
}
