using System.Diagnostics.Metrics;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Groups;
using FleetUsers.Application.Provisioning;
using FleetUsers.Application.Users;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Tests.Support;

/// <summary>
/// One company in memory, and the use cases over it:
/// <code>
/// Acme (root)
/// ├── West
/// │   └── Seattle
/// └── East
/// </code>
/// </summary>
public sealed class InMemoryCompany
{
    public static readonly Guid CompanyId = new("00000000-0000-0000-0000-0000000000c0");
    public static readonly Guid Root = new("00000000-0000-0000-0000-000000000001");
    public static readonly Guid West = new("00000000-0000-0000-0000-000000000002");
    public static readonly Guid East = new("00000000-0000-0000-0000-000000000003");
    public static readonly Guid Seattle = new("00000000-0000-0000-0000-000000000004");

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public InMemoryCompany()
    {
        Database.Add([Group(Root, null, "Acme"), Group(West, Root, "West"), Group(East, Root, "East"), Group(Seattle, West, "Seattle")]);
        var passwords = new PasswordAhead(Database, new PasswordHashing(Options.Create(new Argon2Options { MemoryKib = 8, Iterations = 1 }), new Meters()));
        var changes = new ChangeRecorder();
        var writes = new UserWrites(changes);
        UpdateUser = new UpdateUser(Database, passwords, writes, TimeProvider.System,
            new AdminPasswordFile(Options.Create(new BootstrapOptions()), Database));
        CreateUser = new CreateUser(Database, passwords, writes, TimeProvider.System);
        PatchGroupRoles = new PatchGroupRoles(Database, writes, TimeProvider.System);
        EditGroup = new EditGroup(Database, changes, TimeProvider.System);
        DeleteGroup = new DeleteGroup(Database, changes, TimeProvider.System);
    }

    public InMemoryDatabase Database { get; } = new();

    public UpdateUser UpdateUser { get; }

    public CreateUser CreateUser { get; }

    public PatchGroupRoles PatchGroupRoles { get; }

    public EditGroup EditGroup { get; }

    public DeleteGroup DeleteGroup { get; }

    /// <summary>A new group under <paramref name="parentId"/>.</summary>
    public Guid AddGroup(string name, Guid parentId)
    {
        var id = Guid.CreateVersion7();
        Database.Add([Group(id, parentId, name)]);
        return id;
    }

    /// <summary>A stored user with one role, and the profile it has.</summary>
    public UserAccount AddUser(string username, Guid groupId, int roleId = RoleCatalog.Driver, string? employeeId = null)
    {
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            CompanyId = CompanyId,
            Profile = new UserProfile
            {
                FirstName = "Test",
                LastName = username,
                Username = username,
                EmployeeId = employeeId,
                GroupRoles = [new GroupRole(groupId, roleId)],
            },
            CreatedDate = Start,
            UpdatedDate = Start,
            Version = 1,
        };
        Database.Add(user);
        return user;
    }

    /// <summary>A caller holding the stored user's roles.</summary>
    public static Caller CallerOf(UserAccount user) => Caller.User(user.Id, user.Username, user.CompanyId, user.GroupRoles);

    /// <summary>A POST body with one role, as a reader would pass it on.</summary>
    public static UserDraft NewUser(string username, Guid groupId, int roleId = RoleCatalog.Driver, Func<UserProfile, UserProfile>? change = null)
    {
        var profile = new UserProfile { FirstName = "New", LastName = username, Username = username, GroupRoles = [new GroupRole(groupId, roleId)] };
        return new UserDraft { Sent = change is null ? profile : change(profile) };
    }

    /// <summary>A PUT body: the user's profile with the given changes, as a reader would pass it on.</summary>
    public static UserDraft Draft(UserAccount user, Func<UserProfile, UserProfile> change) => new() { Sent = change(user.Profile) };

    private static Group Group(Guid id, Guid? parentId, string name) => new(id, CompanyId, parentId, name, null, Start, Start, 1);

    /// <summary>Nobody listens to the hash counter here.</summary>
    internal sealed class Meters : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
