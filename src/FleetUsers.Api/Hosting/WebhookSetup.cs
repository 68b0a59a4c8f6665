using FleetUsers.Application;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Webhooks;
using FleetUsers.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace FleetUsers.Api.Hosting;

/// <summary>
/// Webhook secrets encrypted with ASP.NET Data Protection, whose key ring every instance reads from the
/// database (the console's cookies use the same ring, under another purpose).
/// </summary>
public sealed class DataProtectionSecrets(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("FleetUsers.Webhooks.SigningSecret");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}

public static class WebhookSetup
{
    /// <summary>The webhooks' API use cases and the delivery worker, from <c>Webhooks:*</c>.</summary>
    public static IServiceCollection AddFleetUsersWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebhookDelivery(configuration);
        services.Configure<WebhookWorkerOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<ISecretProtector, DataProtectionSecrets>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<WebhookEndpoints>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService<WebhookWorker>();
        return services;
    }

    /// <summary>Refuses bad Webhooks:* settings at start, every problem named.</summary>
    public static void CheckWebhookSettings(this IServiceProvider services)
    {
        WebhookOptions delivery;
        try
        {
            delivery = services.GetRequiredService<IOptions<WebhookOptions>>().Value.Checked();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException(e.Message);
        }
        var problems = services.GetRequiredService<IOptions<WebhookWorkerOptions>>().Value.Problems(delivery.TimeoutSeconds);
        if (problems.Count > 0)
        {
            throw new StartupException(string.Join("; ", problems));
        }
    }
}
