using FleetUsers.Webhooks.Delivery;
using FleetUsers.Webhooks.Retry;
using FleetUsers.Webhooks.Targets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Webhooks.Tests;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => new WebhookOptions().Checked();

    [Fact]
    public void Checked_NamesEveryBadSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new WebhookOptions
        {
            FirstRetrySeconds = 0, MaxRetrySeconds = -1, GiveUpAfter = TimeSpan.Zero, MaxRetryAfterSeconds = -1,
            DisableEndpointAfter = TimeSpan.Zero, TimeoutSeconds = 0, MaxResponseBodyBytes = -1,
        }.Checked());

        foreach (var setting in new[] { "FirstRetrySeconds", "MaxRetrySeconds", "GiveUpAfter", "MaxRetryAfterSeconds", "DisableEndpointAfter", "TimeoutSeconds", "MaxResponseBodyBytes" })
        {
            Assert.Contains($"Webhooks:{setting}", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AddWebhookDelivery_ReadsTheWebhooksSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:FirstRetrySeconds"] = "1",
            ["Webhooks:MaxRetrySeconds"] = "2",
            ["Webhooks:GiveUpAfter"] = "00:01:00",
            ["Webhooks:DisableEndpointAfter"] = "00:05:00",
            ["Webhooks:AllowPrivateTargets"] = "true",
        }).Build();
        using var services = new ServiceCollection().AddWebhookDelivery(configuration).BuildServiceProvider();

        Assert.Equal(
            new RetrySchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)),
            services.GetRequiredService<RetrySchedule>());
        Assert.Equal(TimeSpan.FromMinutes(5), services.GetRequiredService<FailingEndpointPolicy>().DisableAfter);
        Assert.True(services.GetRequiredService<TargetPolicy>().AllowPrivateTargets);
        Assert.Same(services.GetRequiredService<WebhookSender>().Policy, services.GetRequiredService<TargetPolicy>());
    }
}
