using FleetUsers.Webhooks.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FleetUsers.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// The sender (one for the process), its target policy (for checking URLs at registration), the
    /// retry schedule and the failing-endpoint policy, all from <c>Webhooks:*</c>; bad settings fail
    /// at the first use with every problem named.
    /// </summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton(sp => new WebhookSender(
            sp.GetRequiredService<IOptions<WebhookOptions>>().Value, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => sp.GetRequiredService<WebhookSender>().Policy);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Checked().ToRetrySchedule());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Checked().ToFailingEndpointPolicy());
        return services;
    }
}
