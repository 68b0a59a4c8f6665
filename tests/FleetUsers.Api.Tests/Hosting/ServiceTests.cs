using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Hosting;

/// <summary>What the service offers besides the resources: health, the OpenAPI document, /docs, and its HTTP manners.</summary>
public sealed class ServiceTests(FleetUsersApp app)
{
    /// <summary>The seed document's response sample (the contract's FullUserResponse).</summary>
    private const string SeedResponseSample = """
        {
          "userId": "4af860ae-2e53-4d8b-a48e-606b862effed",
          "allowSafetyEventDownload": false,
          "allowVideoSearchDownload": false,
          "cellPhoneCountry": "US",
          "cellPhoneNumber": "+1234567890",
          "createdDate": "2025-06-20T11:25:07.874569-07:00",
          "email": "email@email.com",
          "employeeId": "j.smith",
          "firstName": "John",
          "groupRoles": [
            {"groupId": "28a6d1a3-92c8-4eca-b8b3-d5d0e2d308d0", "groupName": "West Coast Group", "roleId": 4}
          ],
          "lastLoginDate": "2025-06-24T11:25:07.874571-07:00",
          "lastName": "Smith",
          "loginEnabled": true,
          "primaryGroupId": "28a6d1a3-92c8-4eca-b8b3-d5d0e2d308d0",
          "status": "Active",
          "updatedDate": "2025-06-27T11:25:07.874572-07:00",
          "username": "j.smith"
        }
        """;

    private static readonly Guid SeedGroupId = Guid.Parse("28a6d1a3-92c8-4eca-b8b3-d5d0e2d308d0");

    public static TheoryData<string, string> Operations() => new()
    {
        { "put", "/v1/users/{userId}" },
        { "post", "/v1/users" },
        { "get", "/v1/users" },
        { "get", "/v1/users/{userIdentifier}" },
        { "get", "/v1/users/roles" },
        { "patch", "/v1/users/{userId}/groupRoles" },
        { "get", "/v1/users/{userId}/auditLogs" },
        { "get", "/v1/groups" },
        { "get", "/v1/groups/{groupId}" },
        { "get", "/v1/groups/{groupId}/descendants" },
        { "post", "/v1/groups" },
        { "put", "/v1/groups/{groupId}" },
        { "delete", "/v1/groups/{groupId}" },
        { "get", "/v1/groups/auditLogs" },
        { "post", "/v1/groups/bulkImport" },
        { "post", "/v1/groups/bulkMove" },
        { "post", "/api/auth/user" },
        { "post", "/api/auth/token" },
    };

    public static TheoryData<string, string, string[]> RequestSchemas() => new()
    {
        {
            "put", "/v1/users/{userId}",
            ["allowVideoSearchDownload", "cellPhoneCountry", "cellPhoneNumber", "email", "employeeId", "firstName",
                "groupRoles", "lastName", "loginEnabled", "primaryGroupId", "status", "username"]
        },
        { "post", "/v1/users", ["firstName", "lastName", "groupRoles"] },
        { "patch", "/v1/users/{userId}/groupRoles", ["op", "path"] }, // of each operation: value is only for add
        { "post", "/v1/groups", ["name", "parentId"] },
        { "put", "/v1/groups/{groupId}", [] }, // the vendor's EditGroupRequest: a key left out keeps its value
        { "post", "/v1/groups/bulkMove", ["op", "path", "value"] }, // of each move
        { "post", "/api/auth/user", ["username", "password"] },
    };

    [StoreTheory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Returns200WithoutAToken(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [StoreTheory]
    [MemberData(nameof(Operations))]
    public async Task OpenApi_DescribesTheOperation(string method, string path)
    {
        var document = await OpenApiAsync();

        var operation = document["paths"]?[path]?[method];

        Assert.True(operation is JsonObject, $"{method.ToUpperInvariant()} {path} is not in the OpenAPI document");
        Assert.NotNull(operation["responses"]?["200"] ?? operation["responses"]?["201"] ?? operation["responses"]?["204"]);
    }

    [StoreFact]
    public async Task OpenApi_DeclaresTheBearerScheme_AndEveryV1OperationRequiresIt()
    {
        var document = await OpenApiAsync();

        var scheme = document["components"]?["securitySchemes"]?["Bearer"];
        Assert.NotNull(scheme);
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>(), ignoreCase: true);
        var v1 = document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/v1/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(v1);
        foreach (var (path, item) in v1)
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var requirements = operation!["security"]?.AsArray() ?? [];
                Assert.True(requirements.Any(r => r!.AsObject().ContainsKey("Bearer")), $"{method} {path} does not require the bearer scheme");
                Assert.NotNull(operation["responses"]?["401"]);
            }
        }
    }

    [StoreFact]
    public async Task OpenApi_Login_NeedsNoToken()
    {
        var document = await OpenApiAsync();

        var security = document["paths"]!["/api/auth/user"]!["post"]!["security"]?.AsArray() ?? [];

        Assert.DoesNotContain(security, r => r!.AsObject().ContainsKey("Bearer"));
    }

    [StoreTheory]
    [MemberData(nameof(RequestSchemas))]
    public async Task OpenApi_RequestSchema_RequiresExactlyTheContractsKeys(string method, string path, string[] required)
    {
        var document = await OpenApiAsync();

        var schema = RequestSchema(document, method, path);

        var listed = schema["required"]?.AsArray().Select(k => k!.GetValue<string>()) ?? [];
        Assert.Equal(required.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.All(required, key => Assert.True(schema["properties"]?.AsObject().ContainsKey(key), $"{key} is not a property"));
    }

    [StoreFact]
    public async Task OpenApi_UpdateUserRequest_DescribesPasswordAsOptionalAndNullable()
    {
        var document = await OpenApiAsync();

        var password = RequestSchema(document, "put", "/v1/users/{userId}")["properties"]?["password"];

        Assert.NotNull(password);
        Assert.Contains("null", password["type"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task OpenApi_WebhookRequest_IsOneSchemaForPostAndPut_TypesAnArrayOfStrings()
    {
        var document = await OpenApiAsync();

        foreach (var (method, path) in new[] { ("post", "/v1/webhooks"), ("put", "/v1/webhooks/{webhookId}") })
        {
            var schema = document["paths"]?[path]?[method]?["requestBody"]?["content"]?["application/json"]?["schema"];
            Assert.Equal("#/components/schemas/WebhookRequest", schema?["$ref"]?.GetValue<string>());
        }
        var webhook = document["components"]!["schemas"]!["WebhookRequest"]!;
        Assert.Equal("""["url"]""", webhook["required"]!.ToJsonString());
        var types = webhook["properties"]!["types"]!;
        Assert.Contains("array", types["type"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("null", types["type"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("string", types["items"]!["type"]!.GetValue<string>());
        Assert.Contains("boolean", webhook["properties"]!["enabled"]!["type"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [StoreTheory]
    [InlineData("put", "/v1/users/{userId}", new[] { "200", "400", "401", "403", "404", "409", "412" })]
    [InlineData("patch", "/v1/users/{userId}/groupRoles", new[] { "200", "400", "401", "403", "404", "412" })]
    [InlineData("post", "/v1/users", new[] { "201", "400", "401", "403", "409" })]
    [InlineData("get", "/v1/groups/{groupId}", new[] { "200", "400", "401", "403", "404" })]
    [InlineData("get", "/v1/users/{userId}/auditLogs", new[] { "200", "400", "401", "403", "404" })]
    [InlineData("post", "/api/auth/user", new[] { "200", "400", "401", "429" })]
    [InlineData("post", "/v1/groups", new[] { "201", "400", "401", "403", "404", "409" })]
    [InlineData("put", "/v1/groups/{groupId}", new[] { "200", "400", "401", "403", "404", "409", "412" })]
    [InlineData("delete", "/v1/groups/{groupId}", new[] { "204", "400", "401", "403", "404", "409" })]
    public async Task OpenApi_ListsTheOperationsStatusCodes(string method, string path, string[] statuses)
    {
        var document = await OpenApiAsync();

        var responses = document["paths"]![path]![method]!["responses"]!.AsObject();

        Assert.All(statuses, status => Assert.True(responses.ContainsKey(status), $"{method} {path} does not list {status}"));
    }

    [StoreTheory]
    [InlineData("/v1/users", "groupId,includeSubGroups,roleId,status,loginEnabled,searchText,limit,offset,order")]
    [InlineData("/v1/users/{userIdentifier}", "searchBy")]
    [InlineData("/v1/groups", "limit,offset,groupIds,includeSubgroups,sort,order,encodeFullPath")]
    [InlineData("/v1/groups/{groupId}", "encodeFullPath")]
    [InlineData("/v1/groups/{groupId}/descendants", "depth")]
    [InlineData("/v1/groups/auditLogs", "limit,offset,userIdentifier,groupIdentifier,includeSubgroups,action,startDate,endDate,sort,order")]
    [InlineData("/v1/users/{userId}/auditLogs", "limit,offset")]
    public async Task OpenApi_DescribesTheQueryParametersOfTheReads(string path, string names)
    {
        var document = await OpenApiAsync();

        var declared = document["paths"]![path]!["get"]!["parameters"]!.AsArray()
            .Where(p => p!["in"]!.GetValue<string>() == "query")
            .Select(p => p!["name"]!.GetValue<string>());

        Assert.Equal(names.Split(','), declared);
    }

    [StoreFact]
    public async Task OpenApi_RepeatableFilters_AreArraysOfTheirType()
    {
        var document = await OpenApiAsync();
        var parameters = document["paths"]!["/v1/users"]!["get"]!["parameters"]!.AsArray();

        var groupId = parameters.Single(p => p!["name"]!.GetValue<string>() == "groupId")!["schema"]!;

        Assert.Equal("array", groupId["type"]!.GetValue<string>());
        Assert.Equal("uuid", groupId["items"]!["format"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task OpenApi_AuditLogs_CarriesAResponseExampleOfTheEnvelope()
    {
        var document = await OpenApiAsync();
        var get = document["paths"]!["/v1/users/{userId}/auditLogs"]!["get"]!;

        var example = get["responses"]!["200"]?["content"]?["application/json"]?["example"];

        Assert.NotNull(example?["data"]?[0]?["changes"]);
        Assert.NotNull(example?["metadata"]?["count"]);
    }

    [StoreFact]
    public async Task OpenApi_Post_CarriesARequestAndAResponseExample()
    {
        var document = await OpenApiAsync();
        var post = document["paths"]!["/v1/users"]!["post"]!;

        Assert.NotNull(post["requestBody"]?["content"]?["application/json"]?["example"]?["groupRoles"]);
        Assert.NotNull(post["responses"]!["201"]?["content"]?["application/json"]?["example"]?["userId"]);
    }

    [StoreFact]
    public async Task OpenApi_Put_ErrorResponsesUseTheContractsErrorBody()
    {
        var document = await OpenApiAsync();
        var responses = document["paths"]!["/v1/users/{userId}"]!["put"]!["responses"]!;

        foreach (var status in new[] { "400", "404", "409", "412" })
        {
            var schema = Resolve(document, responses[status]!["content"]!["application/json"]!["schema"]!);
            Assert.Equal(["error", "message"], schema["required"]!.AsArray().Select(k => k!.GetValue<string>()).Order(StringComparer.Ordinal));
        }
    }

    [StoreFact]
    public async Task OpenApi_Put_CarriesTheSeedsRequestSampleAsItsExample()
    {
        var document = await OpenApiAsync();

        var example = document["paths"]!["/v1/users/{userId}"]!["put"]!["requestBody"]?["content"]?["application/json"]?["example"];

        Assert.NotNull(example);
        var seed = JsonNode.Parse(UserBodies.SeedSample(SeedGroupId));
        Assert.True(JsonNode.DeepEquals(seed, example), $"The example is {example.ToJsonString()}");
    }

    [StoreFact]
    public async Task OpenApi_Put_CarriesTheSeedsResponseSampleAsItsExample()
    {
        var document = await OpenApiAsync();

        var example = document["paths"]!["/v1/users/{userId}"]!["put"]!["responses"]!["200"]?["content"]?["application/json"]?["example"];

        Assert.NotNull(example);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SeedResponseSample), example), $"The example is {example.ToJsonString()}");
    }

    [StoreFact]
    public async Task Docs_ServesAnHtmlPage()
    {
        var response = await app.CreateClient().GetAsync("/docs");

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [StoreTheory]
    [InlineData("/health/live")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/v1/users/roles")]
    [InlineData("/no/such/route")]
    public async Task Responses_CarryNosniff(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    [StoreFact]
    public async Task Responses_OfAuthenticatedAndRefusedRequests_CarryNosniff()
    {
        var company = await app.NewCompanyAsync();

        var ok = await company.Admin.GetAsync("/v1/users/roles");
        var notFound = await company.Admin.GetAsync($"/v1/users/{Guid.NewGuid()}");
        var badRequest = await app.CreateClient().PostAsync("/api/auth/user", Json.Content("{}"));

        foreach (var response in new[] { ok, notFound, badRequest })
        {
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        }
    }

    [StoreFact]
    public async Task Responses_OverRealHttp_HaveNoServerHeader_AndCarryNosniff()
    {
        using var directory = new TemporaryDirectory();
        await using var fresh = FreshApp.Start(app, directory.Path, new Dictionary<string, string?> { ["Bootstrap:DemoData"] = "false" }, kestrel: true);
        var client = fresh.CreateClient();
        Assert.False(client.BaseAddress!.IsDefaultPort, $"{client.BaseAddress} is the in-memory test server, not a real socket");

        foreach (var path in new[] { "/health/live", "/no/such/route", "/v1/users/roles" })
        {
            var response = await client.GetAsync(path);
            Assert.False(response.Headers.Contains("Server"), $"{path} answered with Server: {response.Headers.Server}");
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        }
    }

    [StoreTheory]
    [InlineData("/no/such/route")]
    [InlineData("/v1")]
    [InlineData("/v1/widgets")]
    [InlineData("/api/auth/users")]
    public async Task UnknownRoute_Returns404WithTheErrorBody(string path)
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectErrorAsync(await app.CreateClient().GetAsync(path), HttpStatusCode.NotFound);
        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync(path), HttpStatusCode.NotFound);
    }

    [StoreFact]
    public async Task UnknownRouteBelowAUser_Returns404WithTheErrorBody()
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/users/{company.AdminId}/nothing"), HttpStatusCode.NotFound);
    }

    [StoreTheory]
    [InlineData("DELETE", "/v1/users/{user}", "PUT")]
    [InlineData("DELETE", "/v1/groups", "POST")]
    [InlineData("PATCH", "/v1/groups/{root}", "PUT")]
    [InlineData("GET", "/api/auth/user", "POST")]
    [InlineData("PUT", "/v1/users", "POST")]
    [InlineData("DELETE", "/v1/users/{user}/auditLogs", "GET")]
    public async Task WrongMethod_Returns405WithTheErrorBodyAndAllow(string method, string path, string allowed)
    {
        var company = await app.NewCompanyAsync();
        var request = new HttpRequestMessage(new HttpMethod(method),
            path.Replace("{user}", company.AdminId.ToString(), StringComparison.Ordinal).Replace("{root}", company.RootId.ToString(), StringComparison.Ordinal));

        var response = await company.Admin.SendAsync(request);

        var messages = await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains(messages, m => m.Contains(method, StringComparison.Ordinal));
        Assert.Contains(allowed, response.Content.Headers.Allow);
    }

    private async Task<JsonObject> OpenApiAsync()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        return await HttpAssert.ReadObjectAsync(response);
    }

    private static JsonObject RequestSchema(JsonObject document, string method, string path)
    {
        var schema = document["paths"]?[path]?[method]?["requestBody"]?["content"]?["application/json"]?["schema"];
        Assert.NotNull(schema);
        // An array body (the PATCH operations) is described by its items.
        return Resolve(document, schema["type"]?.GetValue<string>() == "array" ? schema["items"]! : schema);
    }

    /// <summary>Follows a <c>$ref</c> to #/components/schemas.</summary>
    private static JsonObject Resolve(JsonObject document, JsonNode schema)
    {
        if (schema["$ref"]?.GetValue<string>() is not { } reference)
        {
            return schema.AsObject();
        }
        const string prefix = "#/components/schemas/";
        Assert.StartsWith(prefix, reference, StringComparison.Ordinal);
        return document["components"]!["schemas"]![reference[prefix.Length..]]!.AsObject();
    }
}
