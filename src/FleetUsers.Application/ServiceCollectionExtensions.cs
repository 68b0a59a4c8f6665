using FleetUsers.Application.Audit;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Clients;
using FleetUsers.Application.Companies;
using FleetUsers.Application.Events;
using FleetUsers.Application.Retention;
using FleetUsers.Application.Groups;
using FleetUsers.Application.Provisioning;
using FleetUsers.Application.Transfer;
using FleetUsers.Application.Users;
using FleetUsers.Application.Changes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FleetUsers.Application;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The use cases, configured from ASP.NET-style configuration: <c>Bootstrap:*</c>, <c>Login:*</c>,
    /// <c>Groups:*</c>, <c>Events:*</c>, <c>Audit:*</c>, <c>Auth:Argon2MemoryKib</c>, <c>Auth:Argon2Iterations</c> and <c>Auth:MaxQueuedHashes</c>. The service and
    /// the operator command line both call this (and FleetUsers.Storage's <c>AddFleetUsersStorage</c>, for the
    /// database behind <see cref="Ports.IDatabase"/>), so they read the same settings the same way.
    /// </summary>
    public static IServiceCollection AddFleetUsersApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BootstrapOptions>(configuration.GetSection("Bootstrap"));
        services.Configure<LoginThrottleOptions>(configuration.GetSection("Login"));
        services.Configure<GroupOptions>(configuration.GetSection("Groups"));
        services.Configure<EventOptions>(configuration.GetSection("Events"));
        services.Configure<AuditOptions>(configuration.GetSection("Audit"));
        services.Configure<Argon2Options>(options =>
        {
            options.MemoryKib = configuration.GetValue("Auth:Argon2MemoryKib", Argon2Options.DefaultMemoryKib);
            options.Iterations = configuration.GetValue("Auth:Argon2Iterations", Argon2Options.DefaultIterations);
        });
        services.Configure<HashQueueOptions>(options =>
            options.MaxQueuedHashes = configuration.GetValue("Auth:MaxQueuedHashes", HashQueueOptions.DefaultMaxQueuedHashes));

        services.AddMetrics(); // the password-hash counter; the web host adds it too, the command line needs it here
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<CallerDirectory>();
        services.AddSingleton<CredentialThrottle>();
        services.AddSingleton<LoginService>();
        services.AddSingleton<ChangeRecorder>();
        services.AddSingleton<PasswordAhead>();
        services.AddSingleton<UserWrites>();
        services.AddSingleton<GetUser>();
        services.AddSingleton<ListUsers>();
        services.AddSingleton<CreateUser>();
        services.AddSingleton<UpdateUser>();
        services.AddSingleton<PatchGroupRoles>();
        services.AddSingleton<ListGroups>();
        services.AddSingleton<GetGroup>();
        services.AddSingleton<CountGroupUsers>();
        services.AddSingleton<CreateGroup>();
        services.AddSingleton<EditGroup>();
        services.AddSingleton<DeleteGroup>();
        services.AddSingleton<MoveGroups>();
        services.AddSingleton<ImportGroups>();
        services.AddSingleton<ListGroupTrail>();
        services.AddSingleton<AuditLogService>();
        services.AddSingleton<ApiClientService>();
        services.AddSingleton<CompanyClients>();
        services.AddSingleton<Scim.ScimClients>();
        services.AddSingleton<Scim.ScimGroups>();
        services.AddSingleton<CompanyService>();
        services.AddSingleton<ResetPassword>();
        services.AddSingleton<UserImportService>();
        services.AddSingleton<UserImportWriter>();
        services.AddSingleton<UserExportService>();
        services.AddSingleton<CompanyProvisioning>();
        services.AddSingleton<DemoData>();
        services.AddSingleton<Bootstrapper>();
        services.AddSingleton<AdminPasswordFile>();
        services.AddSingleton<EventFeed>();
        services.AddSingleton<EventRetention>();
        services.AddSingleton<IRetention>(sp => sp.GetRequiredService<EventRetention>());
        services.AddSingleton<AuditRetention>();
        services.AddSingleton<IRetention>(sp => sp.GetRequiredService<AuditRetention>());
        return services;
    }
}
