using System.Net;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>Logging in to a <see cref="ServerProcess"/> over the API.</summary>
public static class ServerProcessLogins
{
    /// <summary>Logs in (asserting 200) and returns the access token.</summary>
    public static async Task<string> TokenAsync(this ServerProcess server, string username, string password)
    {
        using var client = server.CreateClient();
        var response = await client.PostAsync("/api/auth/user",
            Json.Content(new System.Text.Json.Nodes.JsonObject { ["username"] = username, ["password"] = password }));
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        return (await HttpAssert.ReadObjectAsync(response))["accessToken"]!.GetValue<string>();
    }

    /// <summary>A client of this server carrying the user's token.</summary>
    public static async Task<HttpClient> LoginAsync(this ServerProcess server, string username, string password)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await server.TokenAsync(username, password));
        return client;
    }
}
