using FleetUsers.Application.Changes;
using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Users;

/// <summary>
/// The last steps of every change to a user: the checked profile applied (its username chosen, the
/// password hashed ahead set, the version bumped), then the change recorded (<see cref="ChangeRecorder"/>),
/// written and committed in one transaction; a name or group another request took meanwhile answers 409.
/// </summary>
public sealed class UserWrites(ChangeRecorder changes)
{
    /// <summary>The user with the checked profile: 409 for a taken username or employee id, 400 for a password that now equals the username.</summary>
    public static async Task ApplyAsync(IStorageSession session, UserAccount user, ValidUser valid, string? passwordHash, DateTimeOffset now,
        CancellationToken ct)
    {
        await UniqueNames.RequireFreeAsync(session, user, valid.Profile, ct);
        var username = await UniqueNames.ChooseUsernameAsync(session, user.Id, valid.Profile, ct);
        if (valid.NewPassword is { } password)
        {
            var problems = PasswordPolicy.Problems(password, username).ToList();
            if (problems.Count > 0)
            {
                throw new ValidationFailedException(problems);
            }
            user.PasswordHash = passwordHash ?? throw new InvalidOperationException("A new password reached the store unhashed.");
        }
        user.Profile = valid.Profile with { Username = username };
        user.UpdatedDate = now;
        user.Version++;
    }

    /// <summary>A new user, recorded as created by <paramref name="actor"/>, inserted and committed.</summary>
    public async Task InsertAsync(IStorageSession session, AuditActor actor, UserAccount user, bool passwordChanged, CancellationToken ct)
    {
        // The record goes first: whatever fails after it takes it back with the rest of the transaction.
        await changes.UserChangedAsync(session, actor, AuditAction.Create, null, user, passwordChanged, ct);
        try
        {
            await session.Users.InsertAsync(user, ct);
            await session.CommitAsync(ct);
        }
        catch (ForeignKeyViolationException)
        {
            throw GroupRemovedMeanwhile();
        }
    }

    /// <summary>A changed user, recorded, written if its version is still <paramref name="expectedVersion"/>, and committed (unless the caller commits).</summary>
    public async Task SaveAsync(IStorageSession session, AuditActor actor, string action, UserProfile before, UserAccount user,
        int expectedVersion, bool passwordChanged, CancellationToken ct, bool commit = true)
    {
        await changes.UserChangedAsync(session, actor, action, before, user, passwordChanged, ct);
        try
        {
            // The row is locked (or the engine has one writer), so the version cannot have moved; the check is a guard.
            var rolesChanged = !before.GroupRoles.ToHashSet().SetEquals(user.GroupRoles);
            await session.Users.UpdateAsync(user, expectedVersion, rolesChanged, ct);
            if (commit)
            {
                await session.CommitAsync(ct);
            }
            else
            {
                await session.SendWritesAsync(ct); // refused here, inside these catches, rather than at the caller's next read
            }
        }
        catch (VersionMovedException)
        {
            throw new PreconditionFailedException("The user was changed by another request; read it again");
        }
        catch (UniqueViolationException e)
        {
            throw UniqueNames.AsConflict(e, user);
        }
        catch (ForeignKeyViolationException)
        {
            throw GroupRemovedMeanwhile();
        }
    }

    /// <summary>A group the user was given a role in was deleted after this request read the tree (user writes do not take the tree lock).</summary>
    private static ConflictException GroupRemovedMeanwhile() =>
        new("a group in groupRoles was deleted by another request meanwhile; read the groups again");
}
