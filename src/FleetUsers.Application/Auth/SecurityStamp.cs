using System.Security.Cryptography;
using FleetUsers.Application.Users;

namespace FleetUsers.Application.Auth;

/// <summary>
/// A user's security stamp: written into its tokens at login and compared on every request
/// (<see cref="CallerDirectory"/>). A new stamp ends every token issued before it.
/// </summary>
public static class SecurityStamp
{
    public static string New() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Gives the user a new stamp when a change ends its tokens: a new password, or a user who
    /// could log in and no longer can (login disabled, or no longer Active) — so enabling it
    /// again does not bring the old tokens back.
    /// </summary>
    public static void RenewIfRevoking(UserAccount user, bool passwordChanged, bool couldLogInBefore)
    {
        if (passwordChanged || (couldLogInBefore && !user.CanLogIn))
        {
            user.SecurityStamp = New();
        }
    }
}
