using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Application.Ports;

namespace FleetUsers.Application.Groups;

/// <summary>
/// What every change to a company's tree shares: it takes the company's tree lock (changes take
/// turns, so checks and writes never interleave), and a sibling name taken by a racing request
/// answers 409 like one the check saw.
/// </summary>
public static class GroupTreeSession
{
    public static async Task<IStorageSession> BeginAsync(IDatabase database, Caller caller, CancellationToken ct)
    {
        var session = await database.BeginAsync(write: true, ct);
        try
        {
            await session.Companies.LockTreeAsync(caller.CompanyId, ct);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes and commits; the unique index on sibling names decides a race the checks could not see.</summary>
    public static async Task WriteAsync(IStorageSession session, Func<Task> write, string name, CancellationToken ct) =>
        await WriteAsync(session, async () =>
        {
            await write();
            return 0;
        }, name, ct);

    /// <summary>Writes and commits; what the write returns.</summary>
    public static async Task<T> WriteAsync<T>(IStorageSession session, Func<Task<T>> write, string name, CancellationToken ct)
    {
        try
        {
            var written = await write();
            await session.CommitAsync(ct);
            return written;
        }
        catch (UniqueViolationException e) when (e.IsGroupName)
        {
            throw new ConflictException(NameTaken(name));
        }
    }

    public static string NameTaken(string name) => $"name {name} is already taken by a sibling group (names are compared ignoring letter case)";
}
