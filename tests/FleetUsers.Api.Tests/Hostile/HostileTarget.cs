using FleetUsers.Application.Ports;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Hostile;

/// <summary>Who sends a hostile request.</summary>
public enum Sender
{
    Administrator,
    ScopedAdministrator,
    Coach,
    NoToken,
    ForgedToken,
}

/// <summary>The ids a generator aims at: a company with a tree, a target user, and ids of another company.</summary>
public sealed record TargetIds(
    Guid RootId,
    Guid WestId,
    Guid EastId,
    Guid UserId,
    string Username,
    string EmployeeId,
    string TakenUsername,
    Guid OtherCompanyUserId,
    Guid OtherCompanyGroupId)
{
    public Guid[] Groups => [RootId, WestId, EastId];
}

/// <summary>
/// One test's company under attack: the target user (Video Reviewer at the root, Driver in
/// West, every field set, a password), a scoped administrator of West, a coach of East, and
/// a stranger company. <see cref="SnapshotAsync"/> reads what a refused request must not change.
/// </summary>
public sealed class HostileTarget
{
    private readonly FleetUsersApp _app;
    private readonly Dictionary<Sender, HttpClient> _clients;

    private HostileTarget(FleetUsersApp app, TestCompany company, TargetIds ids, Dictionary<Sender, HttpClient> clients)
    {
        _app = app;
        Company = company;
        Ids = ids;
        _clients = clients;
    }

    public TestCompany Company { get; }

    public TargetIds Ids { get; }

    public HttpClient Client(Sender sender) => _clients[sender];

    public static async Task<HostileTarget> CreateAsync(FleetUsersApp app)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var employeeId = "E-" + Unique.Suffix();
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.VideoReviewer, TestCompany.Password, body =>
        {
            body["groupRoles"] = new JsonArray(UserBodies.GroupRole(company.RootId, RoleCatalog.VideoReviewer), UserBodies.GroupRole(west, RoleCatalog.Driver));
            body["allowVideoSearchDownload"] = true;
            body["employeeId"] = employeeId;
            body["email"] = "target@example.com";
            body["cellPhoneCountry"] = "US";
            body["cellPhoneNumber"] = "+1 555 0100";
            body["primaryGroupId"] = west;
        });
        var taken = await company.CreateUserAsync(east);
        var (_, scoped) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var (_, coach) = await company.NewCallerAsync((east, RoleCatalog.Coach));
        var other = await app.NewCompanyAsync();
        var stranger = await other.CreateUserAsync(other.RootId);
        var forged = app.CreateClient(Tokens.Signed(new TokenSpec(company.AdminId, company.CompanyId), Tokens.OtherKey()));
        var clients = new Dictionary<Sender, HttpClient>
        {
            [Sender.Administrator] = company.Admin,
            [Sender.ScopedAdministrator] = scoped,
            [Sender.Coach] = coach,
            [Sender.NoToken] = app.CreateClient(),
            [Sender.ForgedToken] = forged,
        };
        var ids = new TargetIds(company.RootId, west, east, user.Id, user.Username, employeeId, taken.Username, stranger.Id, other.RootId);
        return new HostileTarget(app, company, ids, clients);
    }

    /// <summary>The target user as stored (every column, the password hash and version included), and how many users and audit entries the company has.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var session = await _app.Services.GetRequiredService<IDatabase>().BeginAsync(write: false, CancellationToken.None);
        var user = await session.Users.FindAsync(Company.CompanyId, Ids.UserId, forUpdate: false, CancellationToken.None);
        if (user is not null)
        {
            user.Profile = user.Profile with { GroupRoles = [.. user.GroupRoles.OrderBy(r => r.GroupId).ThenBy(r => r.RoleId)] };
        }
        var (users, _) = await session.Users.ListAsync(new UserListFilter { CompanyId = Company.CompanyId, Limit = 1 }, CancellationToken.None);
        var (entries, _) = await session.Audit.ListAsync(Company.CompanyId, null, 1, 0, CancellationToken.None);
        return $"users: {users}, audit entries: {entries}, target: {JsonSerializer.Serialize(user)}";
    }
}
