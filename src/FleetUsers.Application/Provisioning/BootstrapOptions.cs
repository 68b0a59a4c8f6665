namespace FleetUsers.Application.Provisioning;

/// <summary>Bound from <c>Bootstrap:*</c>: what an empty database is filled with at first start.</summary>
public sealed class BootstrapOptions
{
    public string CompanyName { get; set; } = "Demo Fleet";

    public string AdminUsername { get; set; } = "admin";

    /// <summary>When empty, a strong password is generated and printed once.</summary>
    public string? AdminPassword { get; set; }

    public bool DemoData { get; set; } = true;
}
