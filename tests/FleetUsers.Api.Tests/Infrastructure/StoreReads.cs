using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>Reads straight from the app's database, for what no endpoint shows (the password hash, a company's whole audit trail).</summary>
public static class StoreReads
{
    public static async Task<UserAccount?> FindUserAsync(FleetUsersApp app, Guid companyId, Guid userId)
    {
        await using var session = await BeginAsync(app);
        return await session.Users.FindAsync(companyId, userId, forUpdate: false, CancellationToken.None);
    }

    /// <summary>How many audit entries the company has, about any user.</summary>
    public static async Task<int> AuditCountAsync(FleetUsersApp app, Guid companyId)
    {
        await using var session = await BeginAsync(app);
        return (await session.Audit.ListAsync(companyId, null, 1, 0, CancellationToken.None)).Total;
    }

    private static Task<IStorageSession> BeginAsync(FleetUsersApp app) =>
        app.Services.GetRequiredService<IDatabase>().BeginAsync(write: false, CancellationToken.None);
}
