using System.Net;

namespace FleetUsers.Webhooks.Targets;

/// <summary>
/// Where webhooks may be sent (SSRF). A URL is checked when it is registered (and again before each
/// delivery), and every address its host resolves to is checked when a delivery connects, so a name
/// that resolves elsewhere later (DNS rebinding) is caught too.
/// </summary>
public sealed class TargetPolicy(bool allowPrivateTargets)
{
    public const int MaxUrlLength = 2000;

    public bool AllowPrivateTargets { get; } = allowPrivateTargets;

    /// <summary>Null when webhooks may be registered for the URL; otherwise why not, naming the field <c>url</c>.</summary>
    public string? CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "url is required";
        }
        if (url.Length > MaxUrlLength)
        {
            return $"url must be at most {MaxUrlLength} characters";
        }
        if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "url must not contain spaces or control characters";
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "url must be an absolute https URL";
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !AllowPrivateTargets)
        {
            return "url must use https";
        }
        if (uri.UserInfo.Length > 0)
        {
            return "url must not contain a user name or password";
        }
        if (uri.Fragment.Length > 0)
        {
            return "url must not have a fragment";
        }
        if (string.IsNullOrEmpty(uri.IdnHost))
        {
            return "url must name a host";
        }
        var category = IpLiteral(uri.IdnHost) is { } address ? AddressPolicy.Classify(address) : HostNames.Classify(uri.IdnHost);
        if (category is not { } known)
        {
            return null; // a name: its addresses are checked when a delivery connects
        }
        if (!known.IsAllowed(AllowPrivateTargets))
        {
            return $"url targets {uri.Host}, {known.Describe()}, which webhooks may not reach";
        }
        return uri.Scheme == Uri.UriSchemeHttp && known == AddressCategory.Public
            ? "url must use https for a public address"
            : null;
    }

    /// <summary>
    /// The addresses a delivery may connect to, in the resolver's order; a refusal when there is
    /// none. Plain http goes only to the private targets an operator allowed: never across the
    /// internet unencrypted.
    /// </summary>
    public IReadOnlyList<IPAddress> AllowedAddresses(IEnumerable<IPAddress> addresses, string scheme)
    {
        var allowed = addresses
            .Where(a => AddressPolicy.Classify(a) is var category && category.IsAllowed(AllowPrivateTargets)
                && (scheme != Uri.UriSchemeHttp || category != AddressCategory.Public))
            .ToList();
        // No address, nor category, in the message: a delivery log must not map an internal network.
        return allowed.Count > 0
            ? allowed
            : throw new TargetRefusedException(scheme == Uri.UriSchemeHttp && AllowPrivateTargets
                ? "refused: the host resolves to no private address that plain http may reach"
                : "refused: the host resolves only to addresses that webhooks may not reach");
    }

    /// <summary>The address a URL host spells out, IPv6 with or without brackets or a zone.</summary>
    internal static IPAddress? IpLiteral(string host)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        var zone = bare.IndexOf('%', StringComparison.Ordinal);
        if (zone >= 0 && bare.Contains(':', StringComparison.Ordinal))
        {
            bare = bare[..zone];
        }
        // Only a strict literal: IPAddress.TryParse also reads names such as "1" as 0.0.0.1.
        return IPAddress.TryParse(bare, out var address) && (bare.Contains(':', StringComparison.Ordinal) || bare.Count(c => c == '.') == 3)
            ? address
            : null;
    }
}
