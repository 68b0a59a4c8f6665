using System.Security.Cryptography;
using FleetUsers.Application.Auth;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;
using FleetUsers.Application.Companies;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;

namespace FleetUsers.Application.Provisioning;

/// <summary>A new company (tenant): its root group and its first administrator, who manages everything below the root.</summary>
public sealed record ProvisionedCompany(Company Company, Group RootGroup, UserAccount Administrator);

public sealed class CompanyProvisioning(PasswordHashing passwords, TimeProvider clock)
{
    public async Task<ProvisionedCompany> CreateAsync(IStorageSession session, string name, string adminUsername, string adminPassword, CancellationToken ct)
    {
        var problems = new List<string>();
        if (FieldRules.Name("companyName", name) is { } nameProblem)
        {
            problems.Add(nameProblem);
        }
        if (adminUsername.Length == 0 || FieldRules.Username(adminUsername) is not null)
        {
            problems.Add($"admin username {adminUsername} must be 1 to 50 characters of letters, digits and . _ - @");
        }
        problems.AddRange(PasswordPolicy.Problems(adminPassword, adminUsername).Select(p => "admin " + p));
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }

        var now = clock.Now();
        var company = new Company(Guid.CreateVersion7(now), name.Trim(), now);
        var root = new Group(Guid.CreateVersion7(now), company.Id, null, company.Name, null, now, now, 1);
        var admin = new UserAccount
        {
            Id = Guid.CreateVersion7(now),
            CompanyId = company.Id,
            Profile = new UserProfile
            {
                FirstName = "Company",
                LastName = "Administrator",
                Username = adminUsername,
                Status = UserStatus.Active,
                LoginEnabled = true,
                GroupRoles = [new(root.Id, RoleCatalog.Administrator), new(root.Id, RoleCatalog.GroupManager)],
            },
            PasswordHash = await passwords.HashAsync(adminPassword, ct),
            CreatedDate = now,
            UpdatedDate = now,
            Version = 1,
        };
        await session.Companies.InsertAsync(company, ct);
        await session.Groups.InsertAsync(root, ct);
        await session.Users.InsertAsync(admin, ct);
        return new ProvisionedCompany(company, root, admin);
    }

    /// <summary>A password that passes the policy, from a cryptographic random source.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!";
        while (true)
        {
            var password = RandomNumberGenerator.GetString(alphabet, 20);
            if (!PasswordPolicy.Problems(password, null).Any())
            {
                return password;
            }
        }
    }
}
