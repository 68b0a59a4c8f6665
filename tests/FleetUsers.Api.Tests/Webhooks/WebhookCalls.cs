using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Webhooks;

/// <summary>Webhooks made and read through /v1/webhooks.</summary>
public static class WebhookCalls
{
    public static JsonObject Body(string url, params string[] types) => new()
    {
        ["url"] = url,
        ["types"] = types.Length == 0 ? null : new JsonArray(types.Select(t => (JsonNode)t).ToArray()),
    };

    /// <summary>Registers the URL for the types (none: every type); its id and secret.</summary>
    public static async Task<(Guid Id, string Secret)> CreateAsync(HttpClient admin, string url, params string[] types)
    {
        var response = await admin.PostJsonAsync("/v1/webhooks", Body(url, types));
        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        var created = await HttpAssert.ReadObjectAsync(response);
        return (created["id"]!.GetValue<Guid>(), created["secret"]!.GetValue<string>());
    }

    public static async Task<List<JsonObject>> DeliveriesAsync(HttpClient admin, Guid webhookId) =>
        (await admin.GetObjectAsync($"/v1/webhooks/{webhookId}/deliveries?limit=1000"))["data"]!.AsArray().Select(d => d!.AsObject()).ToList();

    /// <summary>The log once <paramref name="enough"/> holds (or after a minute).</summary>
    public static async Task<List<JsonObject>> DeliveriesUntilAsync(HttpClient admin, Guid webhookId, Func<List<JsonObject>, bool> enough)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var log = await DeliveriesAsync(admin, webhookId);
            if (enough(log) || DateTime.UtcNow > deadline)
            {
                return log;
            }
            await Task.Delay(100);
        }
    }

    public static string Status(JsonObject delivery) => delivery["status"]!.GetValue<string>();
}
