using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Hostile;

// One class per endpoint and store, so the generated runs go in parallel. Counts are for SQLite; PostgreSQL runs a tenth.

public sealed class HostilePutTestsOnSqlite(SqliteApp app) : HostilePutTests(app);

public sealed class HostilePutTestsOnPostgres(PostgresApp app) : HostilePutTests(app);

public abstract class HostilePutTests(FleetUsersApp app) : HostileInputTests(app)
{
    [Fact]
    public Task Put_NeverFailsTheService_AndARefusalChangesNothing() => RunAsync(HostileRequests.Put, 3_000);
}

public sealed class HostilePostTestsOnSqlite(SqliteApp app) : HostilePostTests(app);

public sealed class HostilePostTestsOnPostgres(PostgresApp app) : HostilePostTests(app);

public abstract class HostilePostTests(FleetUsersApp app) : HostileInputTests(app)
{
    [Fact]
    public Task Post_NeverFailsTheService_AndARefusalChangesNothing() => RunAsync(HostileRequests.Post, 2_000);
}

public sealed class HostilePatchTestsOnSqlite(SqliteApp app) : HostilePatchTests(app);

public sealed class HostilePatchTestsOnPostgres(PostgresApp app) : HostilePatchTests(app);

public abstract class HostilePatchTests(FleetUsersApp app) : HostileInputTests(app)
{
    [Fact]
    public Task PatchGroupRoles_NeverFailsTheService_AndARefusalChangesNothing() => RunAsync(HostileRequests.PatchGroupRoles, 2_000);
}

public sealed class HostileReadTestsOnSqlite(SqliteApp app) : HostileReadTests(app);

public sealed class HostileReadTestsOnPostgres(PostgresApp app) : HostileReadTests(app);

public abstract class HostileReadTests(FleetUsersApp app) : HostileInputTests(app)
{
    [Fact]
    public Task GetByIdentifier_NeverFailsTheService_AndARefusalChangesNothing() => RunAsync(HostileRequests.GetByIdentifier, 1_500);

    [Fact]
    public Task List_NeverFailsTheService_AndARefusalChangesNothing() => RunAsync(HostileRequests.List, 1_500);

    [Fact]
    public Task Login_NeverFailsTheService_AndARefusalChangesNothing() => RunAsync(HostileRequests.Login, 500);
}
