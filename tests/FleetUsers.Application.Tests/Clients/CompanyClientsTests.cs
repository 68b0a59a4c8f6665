using FleetUsers.Application.Auth;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Clients;
using FleetUsers.Application.Tests.Support;
using FleetUsers.Domain;
using FleetUsers.Domain.Roles;
using Microsoft.Extensions.Options;
using static FleetUsers.Application.Tests.Support.InMemoryCompany;

namespace FleetUsers.Application.Tests.Clients;

/// <summary>
/// CompanyClients (the console's Integrations): only an administrator at the root lists, creates or revokes a
/// client — the use case refuses anyone else itself, not only the page. (The in-memory database has no client
/// store: a refusal here comes before any client is read, and the permitted paths are tested in the browser.)
/// </summary>
public sealed class CompanyClientsTests
{
    private readonly InMemoryCompany _directory = new();

    private CompanyClients Clients()
    {
        var hashing = new PasswordHashing(Options.Create(new Argon2Options { MemoryKib = 8, Iterations = 1 }), new Meters());
        var throttle = new CredentialThrottle(_directory.Database, hashing, TimeProvider.System, Options.Create(new LoginThrottleOptions()));
        return new CompanyClients(_directory.Database, new ApiClientService(_directory.Database, hashing, throttle, new ChangeRecorder(), TimeProvider.System));
    }

    [Theory]
    [InlineData(RoleCatalog.Administrator)] // below the root
    [InlineData(RoleCatalog.GroupManager)]
    [InlineData(RoleCatalog.Coach)]
    public async Task ACallerWhoIsNotAdministratorAtTheRoot_IsRefused_ListCreateAndRevoke(int roleId)
    {
        var caller = CallerOf(_directory.AddUser("someone", roleId == RoleCatalog.Administrator ? West : Root, roleId));
        var clients = Clients();

        await Assert.ThrowsAsync<ForbiddenException>(() => clients.ListAsync(caller, CancellationToken.None));
        await Assert.ThrowsAsync<ForbiddenException>(() => clients.CreateAsync(caller, "Payroll", West, RoleCatalog.Coach, null, CancellationToken.None));
        await Assert.ThrowsAsync<ForbiddenException>(() => clients.RevokeAsync(caller, Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task AnAdministratorAtTheRoot_GetsPastTheReachCheck()
    {
        var caller = CallerOf(_directory.AddUser("admin", Root, RoleCatalog.Administrator));

        // The in-memory database has no client store: reaching it is getting past the check.
        await Assert.ThrowsAsync<NotSupportedException>(() => Clients().ListAsync(caller, CancellationToken.None));
    }
}
