using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Users;

/// <summary>
/// Usernames are unique across every company, employee ids within a company (letter case ignored):
/// the checks before a write (409), the choice of a generated username, and a race for a name
/// between the check and the write, which the unique indexes decide.
/// </summary>
public static class UniqueNames
{
    /// <summary>How often a write is retried when a generated username was taken between check and write.</summary>
    private const int GeneratedUsernameAttempts = 3;

    /// <summary>
    /// 409 when the username or employee id is another user's (both reported at once). A value the user already holds
    /// (in any letter case) is not looked up: the unique index keeps it from everyone else.
    /// </summary>
    public static async Task RequireFreeAsync(IStorageSession session, UserAccount user, UserProfile wanted, CancellationToken ct)
    {
        var conflicts = new List<string>();
        if (wanted.Username is { } username
            && NameKeys.Username(user.Username) != NameKeys.Username(username)
            && await session.Users.IsUsernameTakenAsync(username, user.Id, ct))
        {
            conflicts.Add(UsernameTaken(username));
        }
        if (wanted.EmployeeId is { } employeeId
            && NameKeys.EmployeeId(user.Profile.EmployeeId) != NameKeys.EmployeeId(employeeId)
            && await session.Users.IsEmployeeIdTakenAsync(user.CompanyId, employeeId, user.Id, ct))
        {
            conflicts.Add(EmployeeIdTaken(employeeId));
        }
        if (conflicts.Count > 0)
        {
            throw new ConflictException(conflicts);
        }
    }

    /// <summary>The username sent, or the first generated candidate nobody holds.</summary>
    public static async Task<string> ChooseUsernameAsync(IStorageSession session, Guid userId, UserProfile wanted, CancellationToken ct)
    {
        if (wanted.Username is { } username)
        {
            return username;
        }
        foreach (var candidate in UsernameGenerator.Candidates(wanted.FirstName, wanted.LastName, wanted.EmployeeId, userId))
        {
            if (!await session.Users.IsUsernameTakenAsync(candidate, userId, ct))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("The username candidates never end.");
    }

    /// <summary>
    /// Runs a write again when another request took a username between its check and its write:
    /// the next attempt sees it taken, and either generates the next candidate or answers 409.
    /// </summary>
    public static async Task<T> RetryingGeneratedUsernameRacesAsync<T>(Func<Task<T>> write)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write();
            }
            catch (UniqueViolationException e) when (e.IsUsername && attempt < GeneratedUsernameAttempts)
            {
                // Taken meanwhile: try again.
            }
            catch (UniqueViolationException e)
            {
                throw new ConflictException(e.IsEmployeeId ? "employeeId is already taken" : "username is already taken");
            }
        }
    }

    /// <summary>A unique index a write broke: an employee id is a 409 at once; a username goes back to the retry, which checks again.</summary>
    public static Exception AsConflict(UniqueViolationException e, UserAccount user) =>
        e.IsUsername ? e
        : e.IsEmployeeId ? new ConflictException(EmployeeIdTaken(user.Profile.EmployeeId ?? ""))
        : e;

    public static string UsernameTaken(string username) => $"username {username} is already taken";

    public static string EmployeeIdTaken(string employeeId) => $"employeeId {employeeId} is already taken in this company";
}
