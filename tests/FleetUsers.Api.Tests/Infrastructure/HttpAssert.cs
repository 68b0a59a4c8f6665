using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace FleetUsers.Api.Tests.Infrastructure;

public sealed record ErrorResponse(string Error, string[] Message);

public static class Json
{
    public static StringContent Content(JsonNode body) => Content(body.ToJsonString());

    public static StringContent Content(string body, string mediaType = "application/json") =>
        new(body, Encoding.UTF8, mediaType);
}

public static class HttpAssert
{
    /// <summary>Asserts the status, showing the body when it differs.</summary>
    public static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }
    }

    /// <summary>Asserts the contract's 500: its error body, saying nothing of the cause (no exception, no stack trace).</summary>
    public static async Task ExpectInternalErrorAsync(HttpResponseMessage response)
    {
        await ExpectAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"error":"Internal Server Error","message":"An unexpected error occurred."}""", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asserts a contract error body with the status and returns its messages.</summary>
    public static async Task<string[]> ExpectErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await ExpectAsync(response, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await response.Content.ReadFromJsonAsync<ErrorResponse>();
        Assert.NotNull(error);
        Assert.Equal(ReasonPhrase(status), error.Error);
        Assert.NotEmpty(error.Message);
        return error.Message;
    }

    /// <summary>Asserts a 400 whose messages include one naming the field (and optionally saying more).</summary>
    public static async Task<string[]> ExpectBadRequestNamingAsync(HttpResponseMessage response, string field, string? alsoContains = null)
    {
        var messages = await ExpectErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(messages, m => m.StartsWith(field, StringComparison.Ordinal)
            && (alsoContains is null || m.Contains(alsoContains, StringComparison.OrdinalIgnoreCase)));
        return messages;
    }

    /// <summary>401 and 403 have empty bodies.</summary>
    public static async Task ExpectEmptyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await ExpectAsync(response, status);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    /// <summary>GETs a path, asserts 200 and returns the JSON object answered.</summary>
    public static async Task<JsonObject> GetObjectAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        await ExpectAsync(response, HttpStatusCode.OK);
        return await ReadObjectAsync(response);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, JsonNode body) =>
        client.SendJsonAsync(HttpMethod.Post, path, body.ToJsonString());

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, JsonNode body, string? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Put, path, body.ToJsonString(), ifMatch);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, JsonNode body, string? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Patch, path, body.ToJsonString(), ifMatch);

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = Json.Content(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    private static string ReasonPhrase(HttpStatusCode status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase((int)status);
}
