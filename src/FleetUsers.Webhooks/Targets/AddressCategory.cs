namespace FleetUsers.Webhooks.Targets;

/// <summary>What kind of address a webhook would be sent to, as far as the SSRF policy cares.</summary>
public enum AddressCategory
{
    Public,
    Loopback,
    /// <summary>RFC 1918 (10/8, 172.16/12, 192.168/16), site-local IPv6 and local-use NAT64.</summary>
    Private,
    /// <summary>100.64/10, carrier-grade NAT.</summary>
    SharedAddressSpace,
    /// <summary>fc00::/7.</summary>
    UniqueLocal,
    /// <summary>169.254/16, fe80::/10.</summary>
    LinkLocal,
    /// <summary>A cloud's instance-metadata service (169.254.169.254 and the like), or its name.</summary>
    CloudMetadata,
    Multicast,
    Unspecified,
    Broadcast,
    /// <summary>Documentation, benchmarking, protocol-assignment and unassigned ranges: never a receiver.</summary>
    Reserved,
}

public static class AddressCategories
{
    /// <summary>
    /// What <c>AllowPrivateTargets</c> opens: the addresses of the operator's own networks. Link-local
    /// (where metadata services live), metadata, multicast, broadcast, unspecified and reserved
    /// addresses stay refused whatever the setting.
    /// </summary>
    public static bool IsAllowed(this AddressCategory category, bool allowPrivateTargets) =>
        category == AddressCategory.Public
        || (allowPrivateTargets && category is AddressCategory.Loopback or AddressCategory.Private
            or AddressCategory.SharedAddressSpace or AddressCategory.UniqueLocal);

    public static string Describe(this AddressCategory category) => category switch
    {
        AddressCategory.Public => "a public address",
        AddressCategory.Loopback => "a loopback address",
        AddressCategory.Private => "a private address",
        AddressCategory.SharedAddressSpace => "a carrier-grade NAT address",
        AddressCategory.UniqueLocal => "a unique-local address",
        AddressCategory.LinkLocal => "a link-local address",
        AddressCategory.CloudMetadata => "a cloud metadata service",
        AddressCategory.Multicast => "a multicast address",
        AddressCategory.Unspecified => "an unspecified address",
        AddressCategory.Broadcast => "a broadcast address",
        _ => "a reserved address",
    };
}
