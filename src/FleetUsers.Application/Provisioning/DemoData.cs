using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;

namespace FleetUsers.Application.Provisioning;

/// <summary>
/// A small tree and a few people, enough to try every rule by hand:
/// root → West Coast Group → {California, Oregon}; root → East Coast Group → New York.
/// Demo users cannot log in until an administrator gives them a password.
/// </summary>
public sealed class DemoData(TimeProvider clock)
{
    public async Task AddAsync(IStorageSession session, ProvisionedCompany company, CancellationToken ct)
    {
        var now = clock.Now();
        var root = company.RootGroup;
        Group Child(Group parent, string name, string description) =>
            new(Guid.CreateVersion7(now), company.Company.Id, parent.Id, name, description, now, now, 1);

        var west = Child(root, "West Coast Group", "Depots on the Pacific coast");
        var california = Child(west, "California", "Los Angeles and San Diego depots");
        var oregon = Child(west, "Oregon", "Portland depot");
        var east = Child(root, "East Coast Group", "Depots on the Atlantic coast");
        var newYork = Child(east, "New York", "Brooklyn depot");
        foreach (var group in new[] { west, california, oregon, east, newYork })
        {
            await session.Groups.InsertAsync(group, ct);
        }

        UserAccount Person(string first, string last, string username, string employeeId, Group group, int roleId, bool videoDownload = false) => new()
        {
            Id = Guid.CreateVersion7(now),
            CompanyId = company.Company.Id,
            Profile = new UserProfile
            {
                FirstName = first,
                LastName = last,
                Username = username,
                EmployeeId = employeeId,
                Email = $"{username}@example.com",
                Status = UserStatus.Active,
                AllowVideoSearchDownload = videoDownload,
                GroupRoles = [new(group.Id, roleId)],
            },
            CreatedDate = now,
            UpdatedDate = now,
            Version = 1,
        };

        var people = new[]
        {
            Person("Wendy", "Westbrook", "wendy.westbrook", "E-1001", west, RoleCatalog.Administrator),
            Person("Carl", "Coachman", "carl.coachman", "E-1002", west, RoleCatalog.Coach),
            Person("Dana", "Diaz", "dana.diaz", "E-1003", california, RoleCatalog.Driver),
            Person("Omar", "Olsen", "omar.olsen", "E-1004", oregon, RoleCatalog.Driver),
            Person("Vera", "Vance", "vera.vance", "E-1005", west, RoleCatalog.VideoReviewer, videoDownload: true),
            Person("Eli", "Easton", "eli.easton", "E-2001", newYork, RoleCatalog.Driver),
        };
        foreach (var person in people)
        {
            await session.Users.InsertAsync(person, ct);
        }
    }
}
