using FleetUsers.Api.Hosting;

// Settings files sit beside the binaries; the working directory is where ./data goes.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddFleetUsers();

var app = builder.Build();
await app.BootstrapAsync();
app.UseFleetUsers();
await app.RunAsync();

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
