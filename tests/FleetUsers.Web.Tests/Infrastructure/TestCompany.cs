using System.Text.Json.Nodes;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Web.Tests.Infrastructure;

/// <summary>A user a test created, who may sign in with <see cref="TestCompany.Password"/>.</summary>
public sealed record TestUser(Guid Id, string Username, JsonObject Body);

/// <summary>One test's own company: its name, root group and administrator (signed in to the API), and helpers to grow it.</summary>
public sealed class TestCompany(ConsoleApp app, string name, Guid rootId, string adminUsername, HttpClient admin)
{
    /// <summary>The password of every user a test makes, the administrator's included.</summary>
    public const string Password = "Console-Pass-1";

    public ConsoleApp App { get; } = app;
    public string Name { get; } = name;
    public Guid RootId { get; } = rootId;
    public string AdminUsername { get; } = adminUsername;

    /// <summary>The administrator's API client (bearer token).</summary>
    public HttpClient Admin { get; } = admin;

    public async Task<Guid> AddGroupAsync(string name, Guid? parentId = null) =>
        Guid.Parse((await Api.PostAsync(Admin, "/v1/groups", new JsonObject { ["name"] = name, ["parentId"] = parentId ?? RootId }))["id"]!.GetValue<string>());

    /// <summary>A user with one role, who may sign in with <see cref="Password"/>.</summary>
    public async Task<TestUser> CreateUserAsync(Guid groupId, int roleId = RoleCatalog.Driver, string firstName = "Test",
        string lastName = "Person", string? employeeId = null, string status = "Active", bool loginEnabled = true)
    {
        var body = new JsonObject
        {
            ["firstName"] = firstName,
            ["lastName"] = lastName,
            ["employeeId"] = employeeId,
            ["username"] = "user-" + Unique.Suffix(),
            ["password"] = Password,
            ["loginEnabled"] = loginEnabled,
            ["groupRoles"] = new JsonArray(new JsonObject { ["groupId"] = groupId, ["roleId"] = roleId }),
        };
        var created = await Api.PostAsync(Admin, "/v1/users", body);
        var id = Guid.Parse(created["userId"]!.GetValue<string>());
        if (status != "Active")
        {
            // New users are Active: the status is changed by a PUT of the same fields.
            var put = (JsonObject)body.DeepClone();
            put.Remove("password");
            put["status"] = status;
            foreach (var absent in new[] { "allowVideoSearchDownload", "cellPhoneCountry", "cellPhoneNumber", "email", "primaryGroupId" })
            {
                put[absent] = absent == "allowVideoSearchDownload" ? false : null;
            }
            created = await Api.PutAsync(Admin, $"/v1/users/{id}", put);
        }
        return new TestUser(id, created["username"]!.GetValue<string>(), created);
    }

    /// <summary>Replaces the user's state through PUT as the administrator: its roles kept, sign-in enabled or not, a new password or not.</summary>
    public async Task UpdateUserAsync(TestUser user, bool loginEnabled = true, string? password = null, JsonArray? groupRoles = null)
    {
        var body = new JsonObject
        {
            ["allowVideoSearchDownload"] = false,
            ["cellPhoneCountry"] = null,
            ["cellPhoneNumber"] = null,
            ["email"] = null,
            ["employeeId"] = null,
            ["firstName"] = "Test",
            ["groupRoles"] = groupRoles ?? user.Body["groupRoles"]!.DeepClone(),
            ["lastName"] = "Person",
            ["loginEnabled"] = loginEnabled,
            ["primaryGroupId"] = null,
            ["status"] = "Active",
            ["username"] = user.Username,
        };
        if (password is not null)
        {
            body["password"] = password;
        }
        await Api.PutAsync(Admin, $"/v1/users/{user.Id}", body);
    }
}
