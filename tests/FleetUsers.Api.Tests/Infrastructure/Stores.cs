using FleetUsers.Api.Tests.Infrastructure;

// One running app per store, shared by every test class of that store (each test makes its own company).
[assembly: AssemblyFixture(typeof(SqliteApp))]
[assembly: AssemblyFixture(typeof(PostgresApp))]
