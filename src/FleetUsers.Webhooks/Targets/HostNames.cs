namespace FleetUsers.Webhooks.Targets;

/// <summary>
/// What a host name tells before it is resolved. Only a hint for a clear answer at registration:
/// the addresses the name resolves to when a delivery connects are what is enforced.
/// </summary>
internal static class HostNames
{
    private static readonly HashSet<string> MetadataNames = new(StringComparer.Ordinal)
    {
        "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal",
    };

    // Special-use and conventional private suffixes (RFC 6761, 6762, 8375; ICANN's .internal).
    private static readonly string[] PrivateSuffixes =
        [".internal", ".local", ".localdomain", ".lan", ".home.arpa", ".intranet", ".corp", ".home", ".private"];

    /// <summary>The category a name implies, or null when only its addresses can tell.</summary>
    /// <param name="idnHost">The host as DNS sees it (<see cref="Uri.IdnHost"/>: punycode, full-width letters folded).</param>
    public static AddressCategory? Classify(string idnHost)
    {
        var name = idnHost.TrimEnd('.').ToLowerInvariant();
        if (MetadataNames.Contains(name))
        {
            return AddressCategory.CloudMetadata;
        }
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return AddressCategory.Loopback;
        }
        // A single label is completed with the resolver's search domains: an internal name.
        return !name.Contains('.', StringComparison.Ordinal) || PrivateSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal))
            ? AddressCategory.Private
            : null;
    }
}
