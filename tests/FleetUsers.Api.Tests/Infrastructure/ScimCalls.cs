using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FleetUsers.Application.Clients;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>A SCIM client of a test company: its ids, its OAuth secret, its long-lived token, and an HTTP client sending that token.</summary>
public sealed record TestScimClient(Guid Id, string Secret, string Token, HttpClient Http);

/// <summary>SCIM requests (application/scim+json) and the checks of their answers.</summary>
public static class ScimCalls
{
    public const string MediaType = "application/scim+json";
    public const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string PatchUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";

    /// <summary>A SCIM client administering the group's subtree, whose users get <paramref name="memberRoleId"/>, as the CLI makes it.</summary>
    public static async Task<TestScimClient> NewScimClientAsync(this TestCompany company, Guid groupId, int memberRoleId, string? name = null)
    {
        var clients = company.App.Services.GetRequiredService<ApiClientService>();
        var created = await clients.CreateAsync(company.CompanyId, name ?? "Entra " + Unique.Suffix(), groupId,
            Domain.Roles.RoleCatalog.Administrator, CancellationToken.None, scimRoleId: memberRoleId);
        return new TestScimClient(created.Details.Id, created.Secret, created.ScimToken!, company.App.CreateClient(created.ScimToken));
    }

    public static Task<HttpResponseMessage> ScimAsync(this HttpClient client, HttpMethod method, string path, string? body = null,
        string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, "/scim/v2" + path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, MediaType);
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> ScimGetAsync(this HttpClient client, string path) => client.ScimAsync(HttpMethod.Get, path);

    /// <summary>The answer has the status and a SCIM JSON body, returned.</summary>
    public static async Task<JsonObject> ExpectScimAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await HttpAssert.ExpectAsync(response, status);
        Assert.Equal(MediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>A SCIM error resource (RFC 7644 §3.12) with the status (as a string) and scimType (absent when null).</summary>
    public static async Task<JsonObject> ExpectScimErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? scimType)
    {
        var error = await ExpectScimAsync(response, status);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", error["schemas"]![0]!.GetValue<string>());
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error["status"]!.GetValue<string>());
        Assert.Equal(scimType, error["scimType"]?.GetValue<string>());
        return error;
    }

    /// <summary>The users a filter finds, as a SCIM list response.</summary>
    public static async Task<JsonObject> ScimFilterAsync(this HttpClient client, string filter) =>
        await ExpectScimAsync(await client.ScimGetAsync("/Users?filter=" + Uri.EscapeDataString(filter)), HttpStatusCode.OK);

    /// <summary>A user body as Entra ID's provisioning documentation shows it ("Create User").</summary>
    public static JsonObject EntraUser(string userName, string externalId, string email) => JsonNode.Parse($$"""
        {
          "schemas": ["{{UserUrn}}", "{{EnterpriseUrn}}"],
          "externalId": "{{externalId}}",
          "userName": "{{userName}}",
          "active": true,
          "emails": [{ "primary": true, "type": "work", "value": "{{email}}" }],
          "meta": { "resourceType": "User" },
          "name": { "formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName" },
          "roles": []
        }
        """)!.AsObject();

    /// <summary>A user body as Okta's SCIM 2.0 provisioning guide shows it ("Create the user").</summary>
    public static JsonObject OktaUser(string userName) => JsonNode.Parse($$"""
        {
          "schemas": ["{{UserUrn}}"],
          "userName": "{{userName}}",
          "name": { "givenName": "Test", "familyName": "User" },
          "emails": [{ "primary": true, "value": "{{userName}}", "type": "work" }],
          "displayName": "Test User",
          "locale": "en-US",
          "externalId": "00ujl29u0le5T6Aj10h7",
          "groups": [],
          "password": "1mz050nq",
          "active": true
        }
        """)!.AsObject();

    public static string Patch(string operations) => $$"""{"schemas": ["{{PatchUrn}}"], "Operations": {{operations}}}""";

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
