namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>Client-credentials token requests (POST /api/auth/token with the id and secret in the form).</summary>
public static class ClientCredentials
{
    public static Task<HttpResponseMessage> RequestTokenAsync(this HttpClient client, string clientId, string secret) =>
        client.PostAsync("/api/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
}
