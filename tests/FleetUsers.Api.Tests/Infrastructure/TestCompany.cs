using FleetUsers.Application.Ports;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>A user a test created, with what it needs to act as that user.</summary>
public sealed record TestUser(Guid Id, string Username, string? Password, JsonObject Body);

/// <summary>One test's own company: its root group, its administrator (logged in), and helpers to grow it.</summary>
public sealed class TestCompany(FleetUsersApp app, Guid companyId, Guid rootId, Guid adminId, string adminUsername, HttpClient admin)
{
    public const string Password = "Secret-Pass-1";

    /// <summary>The password of every test company's administrator.</summary>
    public const string AdminPassword = "Admin-Pass-1";

    public FleetUsersApp App { get; } = app;
    public Guid CompanyId { get; } = companyId;
    public Guid RootId { get; } = rootId;
    public Guid AdminId { get; } = adminId;
    public string AdminUsername { get; } = adminUsername;

    /// <summary>Logged in as the company's administrator (Administrator and Group Manager at the root).</summary>
    public HttpClient Admin { get; } = admin;

    /// <summary>The administrator logged in on another instance (a <see cref="FleetUsersApp.Sibling"/>, with its own clock or settings).</summary>
    public async Task<HttpClient> AdminOnAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> instance)
    {
        var response = await FleetUsersApp.ClientOf(instance).PostJsonAsync("/api/auth/user",
            new JsonObject { ["username"] = AdminUsername, ["password"] = AdminPassword });
        await HttpAssert.ExpectAsync(response, System.Net.HttpStatusCode.OK);
        return FleetUsersApp.ClientOf(instance, (await HttpAssert.ReadObjectAsync(response))["accessToken"]!.GetValue<string>());
    }

    /// <summary>Adds a group under a parent, straight through the store (POST /v1/groups is tested on its own; see GroupBodies.CreateGroupAsync).</summary>
    public async Task<Guid> AddGroupAsync(string name, Guid? parentId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var group = new Group(Guid.CreateVersion7(), CompanyId, parentId ?? RootId, name, null, now, now, 1);
        var database = App.Services.GetRequiredService<IDatabase>();
        await using var session = await database.BeginAsync(write: true, CancellationToken.None);
        await session.Groups.InsertAsync(group, CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);
        return group.Id;
    }

    /// <summary>Creates a user through POST /v1/users as the administrator; with a password it may log in.</summary>
    public async Task<TestUser> CreateUserAsync(Guid groupId, int roleId = RoleCatalog.Driver, string? password = null,
        Action<JsonObject>? customize = null)
    {
        var body = UserBodies.Create(groupId, roleId);
        if (password is not null)
        {
            body["password"] = password;
            body["loginEnabled"] = true;
        }
        customize?.Invoke(body);
        var response = await Admin.PostAsync("/v1/users", Json.Content(body));
        await HttpAssert.ExpectAsync(response, System.Net.HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new TestUser(Guid.Parse(created["userId"]!.GetValue<string>()), created["username"]!.GetValue<string>(), password, created);
    }

    /// <summary>A new user holding the given roles, logged in.</summary>
    public async Task<(TestUser User, HttpClient Client)> NewCallerAsync(params (Guid GroupId, int RoleId)[] roles)
    {
        var user = await CreateUserAsync(roles[0].GroupId, roles[0].RoleId, Password, body =>
            body["groupRoles"] = new JsonArray(roles.Select(r => (JsonNode)UserBodies.GroupRole(r.GroupId, r.RoleId)).ToArray()));
        return (user, await App.LoginAsync(user.Username, Password));
    }

    /// <summary>An API client of this company with one role in one group, as an operator makes it (the CLI's service).</summary>
    public async Task<(Guid ClientId, string Secret)> NewApiClientAsync(Guid groupId, int roleId, string? name = null)
    {
        var clients = App.Services.GetRequiredService<FleetUsers.Application.Clients.ApiClientService>();
        var created = await clients.CreateAsync(CompanyId, name ?? "Integration " + Unique.Suffix(), groupId, roleId, CancellationToken.None);
        return (created.Details.Id, created.Secret);
    }

    /// <summary>A new API client with the role, logged in with the client-credentials grant.</summary>
    public async Task<(Guid ClientId, HttpClient Client)> NewApiClientCallerAsync(Guid groupId, int roleId)
    {
        var (id, secret) = await NewApiClientAsync(groupId, roleId);
        var response = await App.CreateClient().PostAsync("/api/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id.ToString(),
            ["client_secret"] = secret,
        }));
        await HttpAssert.ExpectAsync(response, System.Net.HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        return (id, App.CreateClient(token));
    }

    public async Task<JsonObject> GetUserAsync(Guid userId)
    {
        var response = await Admin.GetAsync($"/v1/users/{userId}");
        await HttpAssert.ExpectAsync(response, System.Net.HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
