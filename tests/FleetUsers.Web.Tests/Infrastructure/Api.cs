using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FleetUsers.Web.Tests.Infrastructure;

/// <summary>The service's HTTP API, for what a test sets up or changes behind the browser's back.</summary>
public static class Api
{
    public static async Task<string> TokenAsync(ConsoleServer server, string username, string password)
    {
        using var client = server.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/user", new { username, password });
        return (await ReadAsync(response, HttpStatusCode.OK))["accessToken"]!.GetValue<string>();
    }

    public static async Task<JsonObject> PostAsync(HttpClient client, string path, JsonObject body, HttpStatusCode expected = HttpStatusCode.Created) =>
        await ReadAsync(await client.PostAsJsonAsync(path, body), expected);

    public static async Task<JsonObject> PutAsync(HttpClient client, string path, JsonObject body) =>
        await ReadAsync(await client.PutAsJsonAsync(path, body), HttpStatusCode.OK);

    public static async Task<JsonObject> GetAsync(HttpClient client, string path) =>
        await ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
