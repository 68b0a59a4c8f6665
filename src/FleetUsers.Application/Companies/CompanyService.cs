using FleetUsers.Application.Provisioning;
using FleetUsers.Domain;
using FleetUsers.Application.Ports;

namespace FleetUsers.Application.Companies;

/// <summary>A company an operator created, and the administrator's password when it was generated (shown once).</summary>
public sealed record CreatedCompany(ProvisionedCompany Company, string? GeneratedPassword);

/// <summary>What an operator does with companies (tenants): create, list, find by id or name.</summary>
public sealed class CompanyService(IDatabase database, CompanyProvisioning provisioning)
{
    /// <summary>A new company with its root group and administrator; without a password one is generated.</summary>
    public async Task<CreatedCompany> CreateAsync(string name, string adminUsername, string? adminPassword, CancellationToken ct)
    {
        var generated = string.IsNullOrEmpty(adminPassword) ? CompanyProvisioning.GeneratePassword() : null;
        await using var session = await database.BeginAsync(write: true, ct);
        try
        {
            if (await session.Users.IsUsernameTakenAsync(adminUsername, Guid.Empty, ct))
            {
                throw new ConflictException($"username {adminUsername} is already taken");
            }
            var company = await provisioning.CreateAsync(session, name, adminUsername, adminPassword is { Length: > 0 } given ? given : generated!, ct);
            await session.CommitAsync(ct);
            return new CreatedCompany(company, generated);
        }
        catch (ArgumentException e)
        {
            throw new ValidationFailedException(e.Message.Split("; "));
        }
        catch (UniqueViolationException e) when (e.IsUsername)
        {
            throw new ConflictException($"username {adminUsername} is already taken");
        }
    }

    public async Task<IReadOnlyList<CompanySummary>> ListAsync(CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        return await session.Companies.ListAsync(ct);
    }

    /// <summary>The company with that id, or the one company with that exact name (letter case ignored).</summary>
    public async Task<CompanySummary> ResolveAsync(string idOrName, CancellationToken ct)
    {
        var companies = await ListAsync(ct);
        if (Guid.TryParse(idOrName, out var id))
        {
            return companies.FirstOrDefault(c => c.Id == id) ?? throw new NotFoundException($"No company with id {id}");
        }
        var named = companies.Where(c => string.Equals(c.Name, idOrName.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return named.Count switch
        {
            1 => named[0],
            0 => throw new NotFoundException($"No company named {idOrName}"),
            _ => throw new ConflictException($"{named.Count} companies are named {idOrName}; give the company's id instead"),
        };
    }
}
