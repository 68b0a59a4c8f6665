using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Events;

/// <summary>Reads a company's change feed through GET /v1/events, page after page.</summary>
public static class EventFeedReader
{
    /// <summary>Every event after the cursor (null: from the start), following metadata.next until a page comes back empty.</summary>
    public static async Task<(List<JsonObject> Events, string? Next)> ReadAllAsync(HttpClient client, string? after = null, int limit = 100,
        string? types = null)
    {
        var events = new List<JsonObject>();
        var next = after;
        while (true)
        {
            var page = await client.GetObjectAsync(Path(next, limit, types));
            var data = page["data"]!.AsArray().Select(e => e!.AsObject()).ToList();
            events.AddRange(data);
            next = page["metadata"]!["next"]?.GetValue<string>();
            if (data.Count < limit)
            {
                return (events, next);
            }
        }
    }

    public static string Path(string? after, int limit, string? types = null)
    {
        var query = new List<string> { $"limit={limit}" };
        if (after is not null)
        {
            query.Add($"after={after}");
        }
        if (types is not null)
        {
            query.Add($"types={types}");
        }
        return "/v1/events?" + string.Join("&", query);
    }

    public static string Type(JsonObject e) => e["type"]!.GetValue<string>();

    public static string SubjectId(JsonObject e) => e["subject"]!["id"]!.GetValue<string>();

    public static List<string> ChangedFields(JsonObject e) => e["data"]!["changedFields"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();

    /// <summary>
    /// The feed from the start once <paramref name="enough"/> holds (or after a minute): on PostgreSQL an
    /// event shows once every transaction older than its own has ended, anywhere on the server, and
    /// other tests share the server.
    /// </summary>
    public static async Task<List<JsonObject>> ReadUntilAsync(HttpClient client, Func<List<JsonObject>, bool> enough, string? after = null,
        string? types = null)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var events = (await ReadAllAsync(client, after, types: types)).Events;
            if (enough(events) || DateTime.UtcNow > deadline)
            {
                return events;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The events about one subject, in feed order, once there are at least <paramref name="expected"/>.</summary>
    public static async Task<List<JsonObject>> AboutAsync(HttpClient client, Guid subjectId, int expected = 1) =>
        About(await ReadUntilAsync(client, events => About(events, subjectId).Count >= expected), subjectId);

    public static List<JsonObject> About(List<JsonObject> events, Guid subjectId) =>
        events.Where(e => SubjectId(e) == subjectId.ToString()).ToList();
}
