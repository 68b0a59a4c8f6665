using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Hostile;

// One class per endpoint, so the generated runs go in parallel. Counts are for SQLite; PostgreSQL runs a tenth.

public sealed class HostilePutTests(FleetUsersApp app) : HostileInputTests(app)
{
    [StoreFact]
    public Task Put_NeverFailsTheService_AndARefusalChangesNothing() => RunAsync(HostileRequests.Put, 3_000);
}

public sealed class HostilePostTests(FleetUsersApp app) : HostileInputTests(app)
{
    [StoreFact]
    public Task Post_NeverFailsTheService_AndARefusalChangesNothing() => RunAsync(HostileRequests.Post, 2_000);
}

public sealed class HostilePatchTests(FleetUsersApp app) : HostileInputTests(app)
{
    [StoreFact]
    public Task PatchGroupRoles_NeverFailsTheService_AndARefusalChangesNothing() => RunAsync(HostileRequests.PatchGroupRoles, 2_000);
}

public sealed class HostileReadTests(FleetUsersApp app) : HostileInputTests(app)
{
    [StoreFact]
    public Task GetByIdentifier_NeverFailsTheService_AndARefusalChangesNothing() => RunAsync(HostileRequests.GetByIdentifier, 1_500);

    [StoreFact]
    public Task List_NeverFailsTheService_AndARefusalChangesNothing() => RunAsync(HostileRequests.List, 1_500);

    [StoreFact]
    public Task Login_NeverFailsTheService_AndARefusalChangesNothing() => RunAsync(HostileRequests.Login, 500);
}
