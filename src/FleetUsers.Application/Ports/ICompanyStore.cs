using FleetUsers.Application.Companies;

namespace FleetUsers.Application.Ports;

/// <summary>Companies (tenants) and the role catalogue every company shares.</summary>
public interface ICompanyStore
{
    Task<bool> AnyAsync(CancellationToken ct);

    /// <summary>
    /// Makes changes to one company's group tree take turns until commit, so two moves can never
    /// combine into a cycle; the company's users stay free to be written meanwhile.
    /// </summary>
    Task LockTreeAsync(Guid companyId, CancellationToken ct);

    Task InsertAsync(Company company, CancellationToken ct);

    /// <summary>The company's name; null when there is no such company.</summary>
    Task<string?> NameAsync(Guid companyId, CancellationToken ct);

    /// <summary>Every company, oldest first, with how many users and groups it has.</summary>
    Task<IReadOnlyList<CompanySummary>> ListAsync(CancellationToken ct);

    /// <summary>Writes the catalogue's rows: new roles are added, names and descriptions kept current.</summary>
    Task SyncRoleCatalogAsync(CancellationToken ct);

    /// <summary>True when the stored catalogue already is <see cref="Domain.Roles.RoleCatalog.All"/> (nothing to write).</summary>
    Task<bool> RoleCatalogIsCurrentAsync(CancellationToken ct);
}
