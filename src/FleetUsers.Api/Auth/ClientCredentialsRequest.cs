using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace FleetUsers.Api.Auth;

/// <summary>An OAuth 2.0 error (RFC 6749 §5.2): the JSON body of a refused token request.</summary>
public sealed record OAuthError(
    [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
    [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string ErrorDescription)
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
}

/// <summary>The token of a client-credentials grant (RFC 6749 §5.1).</summary>
public sealed record OAuthTokenResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>
/// Reads a client-credentials token request (RFC 6749 §4.4): form-encoded
/// <c>grant_type=client_credentials</c> with the client's id and secret either in the form
/// (<c>client_id</c>, <c>client_secret</c>) or in HTTP Basic (§2.3.1) — not both.
/// </summary>
public sealed record ClientCredentialsRequest(string ClientId, string ClientSecret)
{
    public const string GrantType = "client_credentials";

    /// <summary>The credentials, or the OAuth error to answer (with whether it is a 401).</summary>
    public static async Task<(ClientCredentialsRequest? Request, OAuthError? Error)> ReadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(OAuthError.InvalidRequest, "the body must be form-encoded (application/x-www-form-urlencoded)");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return Refuse(OAuthError.InvalidRequest, "the form could not be read");
        }
        if (form.FirstOrDefault(p => p.Value.Count > 1) is { Key: { } repeated })
        {
            return Refuse(OAuthError.InvalidRequest, $"{repeated} is given more than once");
        }
        var grantType = Single(form, "grant_type");
        if (string.IsNullOrEmpty(grantType))
        {
            return Refuse(OAuthError.InvalidRequest, "grant_type is required");
        }
        if (grantType != GrantType)
        {
            return Refuse(OAuthError.UnsupportedGrantType, $"grant_type must be {GrantType}");
        }
        var formId = Single(form, "client_id");
        var formSecret = Single(form, "client_secret");
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return string.IsNullOrEmpty(formId) || string.IsNullOrEmpty(formSecret)
                ? Refuse(OAuthError.InvalidClient, "client_id and client_secret are required, in the form or as HTTP Basic")
                : (new ClientCredentialsRequest(formId, formSecret), null);
        }
        if (formSecret is not null)
        {
            return Refuse(OAuthError.InvalidRequest, "send the client's credentials one way only: HTTP Basic or the form");
        }
        if (ParseBasic(authorization) is not { } basic)
        {
            return Refuse(OAuthError.InvalidClient, "the Authorization header must be HTTP Basic with client_id:client_secret");
        }
        if (formId is not null && formId != basic.ClientId)
        {
            return Refuse(OAuthError.InvalidRequest, "client_id in the form differs from the one in HTTP Basic");
        }
        return (basic, null);
    }

    /// <summary>RFC 6749 §2.3.1: base64 of the form-urlencoded id, a colon, the form-urlencoded secret.</summary>
    private static ClientCredentialsRequest? ParseBasic(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            return null;
        }
        var buffer = new byte[value.Parameter.Length];
        if (!Convert.TryFromBase64String(value.Parameter, buffer, out var written))
        {
            return null;
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }
        var id = Uri.UnescapeDataString(text[..colon].Replace('+', ' '));
        var secret = Uri.UnescapeDataString(text[(colon + 1)..].Replace('+', ' '));
        return secret.Length == 0 ? null : new ClientCredentialsRequest(id, secret);
    }

    private static string? Single(IFormCollection form, string name) =>
        form.TryGetValue(name, out StringValues values) ? values.ToString() : null;

    private static (ClientCredentialsRequest?, OAuthError?) Refuse(string error, string description) =>
        (null, new OAuthError(error, description));
}
