using FleetUsers.Application;
using FleetUsers.Application.Ports;
using FleetUsers.Storage.Postgres;
using FleetUsers.Storage.Sqlite;
using FleetUsers.Storage.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FleetUsers.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// The database behind <see cref="IDatabase"/>, configured from <c>Storage:*</c> and
    /// <c>ConnectionStrings:Users</c>. The engine is opened when first asked for (start-up), so a
    /// wrong setting stops the start with its one-line message, in the service and the command line alike.
    /// </summary>
    public static IServiceCollection AddFleetUsersStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StorageOptions>(options =>
        {
            configuration.GetSection("Storage").Bind(options);
            options.ConnectionString = configuration.GetConnectionString("Users") ?? options.ConnectionString;
        });
        services.AddSingleton(sp => Open(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<SqlDatabase>());
        services.AddSingleton<IKeyRingStore, KeyRingStore>();
        return services;
    }

    /// <summary>The one place <c>Storage:Provider</c> chooses an engine: an engine is a folder of its own and a line here.</summary>
    public static SqlDatabase Open(StorageOptions options)
    {
        if (options.CommandTimeoutSeconds < 1)
        {
            throw new StartupException("Storage:CommandTimeoutSeconds must be at least 1: set Storage__CommandTimeoutSeconds to the seconds a statement may wait (default 5)");
        }
        var engine = options.Provider switch
        {
            StorageProvider.Sqlite => SqliteEngine.Create(options),
            StorageProvider.Postgres => PostgresEngine.Create(options),
            _ => throw new StartupException($"Storage:Provider {options.Provider} is not a store: set Storage__Provider to {string.Join(" or ", Enum.GetNames<StorageProvider>())}"),
        };
        return new SqlDatabase(engine, options.CommandTimeoutSeconds);
    }
}
