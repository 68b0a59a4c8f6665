using FleetUsers.Application.Ports;
using FleetUsers.Web.Auth;
using FleetUsers.Web.Components;
using FleetUsers.Web.Keys;
using FleetUsers.Web.Pages.ImportExport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Web;

/// <summary>The web console at /console, and the small home page at /.</summary>
public static class ConsoleSetup
{
    public static WebApplicationBuilder AddFleetUsersConsole(this WebApplicationBuilder builder)
    {
        // Outside Development the framework serves static files (the style sheet, Blazor's script) only from a
        // published wwwroot; this also finds them beside a build's output (dotnet FleetUsers.Api.dll, the tests).
        builder.WebHost.UseStaticWebAssets();
        // In Development MapStaticAssets adds a GET catch-all ({**path:file}) for files added after the build;
        // as a GET candidate on every path it turns the API's 405 (GET on a POST-only route) into a 404.
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
        var services = builder.Services;
        services.AddRazorComponents();
        services.AddScoped<ConsoleSession>();
        services.AddSingleton<ConsoleSignIn>();
        services.AddSingleton<StagedFile>();
        services.AddAuthentication().AddCookie(ConsoleAuth.Scheme, ConsoleAuth.Configure);
        ConsolePolicies.Add(services.AddAuthorizationBuilder());
        services.AddScoped<IAuthorizationHandler, ConsoleSectionHandler>();

        // Every instance on the database shares the keys of cookies and antiforgery tokens.
        services.AddDataProtection().SetApplicationName("FleetUsers");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IKeyRingStore>((options, keys) => options.XmlRepository = new DatabaseXmlRepository(keys));
        return builder;
    }

    public static WebApplication MapFleetUsersConsole(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        app.MapConsoleSignOut();
        app.MapConsoleExport();
        return app;
    }
}
