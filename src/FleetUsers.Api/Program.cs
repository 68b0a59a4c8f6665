using FleetUsers.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddFleetUsers();

var app = builder.Build();
await app.BootstrapAsync();
app.UseFleetUsers();
await app.RunAsync();

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
