using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;

namespace FleetUsers.Application.Events;

/// <summary>
/// Who may follow every change of a company (the feed, its webhooks): Administrator at its root
/// group, a user or an API client given that role there.
/// </summary>
public static class FeedReaders
{
    /// <summary>Throws <see cref="ForbiddenException"/> unless the caller may.</summary>
    public static async Task RequireAsync(IStorageSession session, Caller caller, CancellationToken ct)
    {
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        if (!Reach.Of(caller, tree).ManagesWholeCompany)
        {
            throw new ForbiddenException();
        }
    }
}
