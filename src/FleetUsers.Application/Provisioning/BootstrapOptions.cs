namespace FleetUsers.Application.Provisioning;

/// <summary>Bound from <c>Bootstrap:*</c>: what an empty database is filled with at first start.</summary>
public sealed class BootstrapOptions
{
    public string CompanyName { get; set; } = "Demo Fleet";

    public string AdminUsername { get; set; } = "admin";

    /// <summary>When empty, a strong password is generated and written to a file (<see cref="AdminPasswordFile"/>).</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Where that file goes; empty: beside the SQLite database, or <c>./data</c> with PostgreSQL.</summary>
    public string? PasswordDirectory { get; set; }

    public bool DemoData { get; set; } = true;
}
