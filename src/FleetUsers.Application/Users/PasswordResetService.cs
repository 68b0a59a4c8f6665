using FleetUsers.Application.Audit;
using FleetUsers.Application.Auth;
using FleetUsers.Domain.Audit;
using FleetUsers.Application.Provisioning;
using FleetUsers.Domain;
using FleetUsers.Domain.Users;
using FleetUsers.Storage;

namespace FleetUsers.Application.Users;

/// <summary>The outcome of an operator's password reset; the password is returned only when it was generated.</summary>
public sealed record PasswordReset(string Username, Guid CompanyId, string? GeneratedPassword, bool CanLogIn);

/// <summary>An operator sets a new password for a user of any company (say, an administrator locked out); the user's tokens end.</summary>
public sealed class PasswordResetService(Database database, PasswordHashing passwords, TimeProvider clock, AdminPasswordFile passwordFile)
{
    public async Task<PasswordReset> ResetAsync(string username, string? newPassword, CancellationToken ct)
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
        var before = AuditTrail.Audited(user);
        user.UpdatedDate = clock.Now();
        await AuditTrail.AppendAsync(session, AuditTrail.Operator, AuditAction.ResetPassword, before, user, passwordChanged: true, ct);
        await session.Users.SetPasswordAsync(user.Id, hash, SecurityStamp.New(), user.UpdatedDate, ct); // ends the user's tokens
        await session.CommitAsync(ct);
        passwordFile.Forget(user.Username); // a generated first password no longer works
        return new PasswordReset(user.Username, user.CompanyId, generated, user.LoginEnabled && user.Status == UserStatus.Active);
    }
}
