using FleetUsers.Application.Auth;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Provisioning;
using FleetUsers.Domain;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Users;

/// <summary>The outcome of an operator's password reset; the password is returned only when it was generated.</summary>
public sealed record PasswordReset(string Username, Guid CompanyId, string? GeneratedPassword, bool CanLogIn);

/// <summary>An operator sets a new password for a user of any company (say, an administrator locked out); the user's tokens end.</summary>
public sealed class ResetPassword(IDatabase database, PasswordHashing passwords, ChangeRecorder changes, TimeProvider clock, AdminPasswordFile passwordFile)
{
    public async Task<PasswordReset> ExecuteAsync(string username, string? newPassword, CancellationToken ct)
    {
        var generated = string.IsNullOrEmpty(newPassword) ? CompanyProvisioning.GeneratePassword() : null;
        var password = newPassword is { Length: > 0 } given ? given : generated!;
        var hash = await passwords.HashAsync(password, ct); // before the transaction: no writer waits behind a hash
        await using var session = await database.BeginAsync(write: true, ct);
        var user = await session.Users.FindForLoginAsync(username, ct) ?? throw new NotFoundException($"No user with username {username}");
        var problems = PasswordPolicy.Problems(password, user.Username).ToList();
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
        user.UpdatedDate = clock.Now();
        await changes.UserChangedAsync(session, ChangeRecorder.Operator, AuditAction.ResetPassword, user.Profile, user, passwordChanged: true, ct);
        await session.Users.SetPasswordAsync(user.Id, hash, SecurityStamp.New(), user.UpdatedDate, ct); // ends the user's tokens
        await session.CommitAsync(ct);
        passwordFile.Forget(user.Username); // a generated first password no longer works
        return new PasswordReset(user.Username, user.CompanyId, generated, user.CanLogIn);
    }
}
