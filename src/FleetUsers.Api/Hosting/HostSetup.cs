using FleetUsers.Api.Auth;
using FleetUsers.Api.Events;
using FleetUsers.Api.Groups;
using FleetUsers.Api.Http;
using FleetUsers.Api.OpenApi;
using FleetUsers.Api.Scim;
using FleetUsers.Api.Users;
using FleetUsers.Application;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Provisioning;
using FleetUsers.Storage;
using FleetUsers.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FleetUsers.Api.Hosting;

public static class HostSetup
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Everything the service needs, configured from ASP.NET-style configuration.</summary>
    public static WebApplicationBuilder AddFleetUsers(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        // The host logs a failed start with the whole exception; start-up prints one line of its own
        // for what it recognises, and anything else still ends with its stack trace. (The background
        // services, RetentionCleanup and WebhookWorker, catch their own faults, which this category would also report.)
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        var limits = configuration.GetSection("Limits").Get<RequestLimits>() ?? new RequestLimits();
        if (limits.MaxBodyBytes < 1)
        {
            throw new StartupException("Limits:MaxBodyBytes must be at least 1: set Limits__MaxBodyBytes to the largest request body in bytes (default 1048576)");
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
        });

        var services = builder.Services;
        services.Configure<RequestLimits>(configuration.GetSection("Limits"));
        services.ConfigureHttpJsonOptions(options => JsonSettings.Configure(options.SerializerOptions));

        services.AddFleetUsersApplication(configuration);
        services.AddFleetUsersStorage(configuration);
        services.AddFleetUsersAuth(configuration);
        services.AddFleetUsersOpenApi();
        services.AddFleetUsersMetrics(configuration);
        builder.AddFleetUsersConsole();
        services.AddSingleton<JsonRequest>();
        services.AddSingleton<ScimBody>();
        services.AddSingleton<GroupImportFile>();
        services.TryAddSingleton(new BootstrapConsole(Console.Out));
        services.AddExceptionHandler<RequestRefusalHandler>();
        services.AddHostedService<RetentionCleanup>();
        services.AddFleetUsersWebhooks(configuration);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Checks the settings, migrates and seeds the database, then prints how to log in.</summary>
    public static async Task BootstrapAsync(this WebApplication app)
    {
        // Settings first: a start that stopped after creating the first company would have lost
        // its generated password, which is printed only by the start that created it.
        app.Services.CheckSigningKeys();
        RetentionCleanup.Check(app.Configuration);
        app.Services.CheckWebhookSettings();
        _ = app.Services.GetRequiredService<LoginService>(); // reads the Login:* limits now: a bad one stops the start
        var outcome = await app.Services.GetRequiredService<Bootstrapper>().RunAsync(app.Lifetime.ApplicationStopping);
        var console = app.Services.GetRequiredService<BootstrapConsole>().Writer;
        var admin = outcome.Created?.Administrator.Username;
        if (outcome.Created is { } created)
        {
            console.WriteLine($"FleetUsers created company \"{created.Company.Name}\" with administrator \"{admin}\".");
        }
        if (outcome.PasswordFile is { } file)
        {
            // Never the password itself: the console is what log collectors keep.
            console.WriteLine($"The generated password of \"{admin}\" is in {file} (readable by this account only); the file is removed at the first login or password change of \"{admin}\".");
        }
        console.WriteLine("Log in with POST /api/auth/user {\"username\": \"...\", \"password\": \"...\"}; API reference at /docs.");
    }

    public static WebApplication UseFleetUsers(this WebApplication app)
    {
        app.UseRequestLog();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = _ => Task.CompletedTask });
        app.UseStatusCodePages(StatusCodeBodies.WriteAsync);
        app.Use((context, next) =>
        {
            // Set as the response starts: the exception handler clears headers set earlier.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapFleetUsersApiReference();
        app.MapFleetUsersMetrics();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

        app.MapFleetUsersConsole();
        app.MapAuthApi();
        var v1 = app.MapGroup("/v1").RequireAuthorization().AddEndpointFilter<CallerFilter>();
        v1.MapUsersApi();
        v1.MapAuditLogsApi();
        v1.MapGroupsApi();
        v1.MapGroupBulkApi();
        v1.MapEventsApi();
        v1.MapWebhooksApi();
        app.MapScimApi();
        return app;
    }
}
