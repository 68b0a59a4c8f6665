using FleetUsers.Application.Auth;
using FleetUsers.Application.Clients;
using FleetUsers.Application.Groups;
using FleetUsers.Application.Provisioning;
using FleetUsers.Application.Users;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application;

public static class ServiceCollectionExtensions
{
    /// <summary>The storage chosen by <see cref="StorageOptions"/> and the operations on top of it.</summary>
    public static IServiceCollection AddFleetUsersApplication(this IServiceCollection services)
    {
        services.AddSingleton(sp => Database.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<CallerDirectory>();
        services.AddSingleton<LoginService>();
        services.AddSingleton<UserService>();
        services.AddSingleton<GroupService>();
        services.AddSingleton<ApiClientService>();
        services.AddSingleton<CompanyProvisioning>();
        services.AddSingleton<DemoData>();
        services.AddSingleton<Bootstrapper>();
        return services;
    }
}
