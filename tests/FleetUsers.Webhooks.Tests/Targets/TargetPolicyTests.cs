using System.Net;
using FleetUsers.Webhooks.Targets;

namespace FleetUsers.Webhooks.Tests.Targets;

public sealed class TargetPolicyTests
{
    private static readonly TargetPolicy Default = new(allowPrivateTargets: false);
    private static readonly TargetPolicy PrivateAllowed = new(allowPrivateTargets: true);

    [Theory]
    [InlineData("https://hooks.example.com/fleet")]
    [InlineData("https://hooks.example.com:8443/in?source=fleetusers")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    [InlineData("https://xn--bcher-kva.example/hook")]
    public void CheckUrl_AnHttpsUrlOfAPublicHost_IsAccepted(string url) => Assert.Null(Default.CheckUrl(url));

    [Theory]
    [InlineData(null, "url is required")]
    [InlineData(" ", "url is required")]
    [InlineData("hooks.example.com/fleet", "url must be an absolute https URL")]
    [InlineData("/etc/passwd", "url must be an absolute https URL")]
    [InlineData("ftp://hooks.example.com/", "url must be an absolute https URL")]
    [InlineData("file:///etc/passwd", "url must be an absolute https URL")]
    [InlineData("http://hooks.example.com/fleet", "url must use https")]
    [InlineData("https://user:secret@hooks.example.com/", "url must not contain a user name or password")]
    [InlineData("https://hooks.example.com/#part", "url must not have a fragment")]
    [InlineData("https://hooks.example.com/a b", "url must not contain spaces or control characters")]
    [InlineData("https://hooks.example.com/\n", "url must not contain spaces or control characters")]
    public void CheckUrl_AMalformedOrPlainHttpUrl_IsRefusedByName(string? url, string expected) =>
        Assert.Equal(expected, Default.CheckUrl(url));

    [Fact]
    public void CheckUrl_AnOverlongUrl_IsRefused() =>
        Assert.Equal("url must be at most 2000 characters", Default.CheckUrl("https://hooks.example.com/" + new string('a', 2000)));

    [Theory]
    [InlineData("https://127.0.0.1/hook", "a loopback address")]
    [InlineData("https://2130706433/hook", "a loopback address")]   // 127.0.0.1 as one number
    [InlineData("https://0x7f.1/hook", "a loopback address")]       // hexadecimal, short form
    [InlineData("https://0177.0.0.1/hook", "a loopback address")]   // octal
    [InlineData("https://[::1]/hook", "a loopback address")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "a loopback address")]
    [InlineData("https://[::ffff:7f00:1]/hook", "a loopback address")]
    [InlineData("https://10.1.2.3/hook", "a private address")]
    [InlineData("https://192.168.0.10:8443/hook", "a private address")]
    [InlineData("https://100.64.1.1/hook", "a carrier-grade NAT address")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "a cloud metadata service")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/", "a cloud metadata service")]
    [InlineData("https://[fd00::1]/hook", "a unique-local address")]
    [InlineData("https://[fe80::1%25eth0]/hook", "a link-local address")]
    [InlineData("https://0.0.0.0/hook", "an unspecified address")]
    [InlineData("https://255.255.255.255/hook", "a broadcast address")]
    [InlineData("https://224.0.0.1/hook", "a multicast address")]
    [InlineData("https://localhost/hook", "a loopback address")]
    [InlineData("https://LOCALHOST./hook", "a loopback address")]
    [InlineData("https://api.localhost/hook", "a loopback address")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/", "a cloud metadata service")]
    [InlineData("https://metadata/computeMetadata/v1/", "a cloud metadata service")]
    [InlineData("https://payroll.internal/hook", "a private address")]
    [InlineData("https://printer.local/hook", "a private address")]
    [InlineData("https://intranet/hook", "a private address")]
    public void CheckUrl_AHostWebhooksMustNotReach_IsRefusedNamingWhatItIs(string url, string kind)
    {
        var problem = Default.CheckUrl(url);

        Assert.NotNull(problem);
        Assert.StartsWith("url targets ", problem, StringComparison.Ordinal);
        Assert.Contains(kind, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckUrl_LocalhostInFullWidthLetters_IsRefused() =>
        Assert.NotNull(Default.CheckUrl("https://\uFF2C\uFF2F\uFF23\uFF21\uFF2C\uFF28\uFF2F\uFF33\uFF34/hook"));

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://localhost:5000/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("http://[fd00::1]:8080/hook")]
    [InlineData("http://receiver:8080/hook")]
    [InlineData("http://hooks.example.com/hook")] // a name: where it resolves is checked at connect time
    public void CheckUrl_APrivateTarget_IsAcceptedWhenAllowed(string url) => Assert.Null(PrivateAllowed.CheckUrl(url));

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://metadata.google.internal/")]
    [InlineData("https://100.100.100.200/")]
    [InlineData("https://[fd00:ec2::254]/")]
    [InlineData("https://[fe80::1]/")]
    [InlineData("https://0.0.0.0/")]
    public void CheckUrl_MetadataAndLinkLocal_AreRefusedEvenWhenPrivateTargetsAreAllowed(string url) =>
        Assert.NotNull(PrivateAllowed.CheckUrl(url));

    [Fact]
    public void CheckUrl_PlainHttpToAPublicAddress_IsRefusedEvenWhenPrivateTargetsAreAllowed() =>
        Assert.Equal("url must use https for a public address", PrivateAllowed.CheckUrl("http://8.8.8.8/hook"));

    [Fact]
    public void AllowedAddresses_OfANameThatResolvesInside_RefusesWithoutNamingTheAddress()
    {
        var refused = Assert.Throws<TargetRefusedException>(() => Default.AllowedAddresses([IPAddress.Parse("10.20.30.40")], "https"));

        Assert.DoesNotContain("10.20.30.40", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowedAddresses_KeepsOnlyTheAllowedOnes_InTheResolversOrder() =>
        Assert.Equal(
            [IPAddress.Parse("8.8.4.4"), IPAddress.Parse("2606:4700:4700::1111")],
            Default.AllowedAddresses(
                [IPAddress.Parse("10.0.0.1"), IPAddress.Parse("8.8.4.4"), IPAddress.Parse("::1"), IPAddress.Parse("2606:4700:4700::1111")],
                "https"));

    [Fact]
    public void AllowedAddresses_WhenPrivateTargetsAreAllowed_StillSkipsMetadata() =>
        Assert.Equal(
            [IPAddress.Parse("127.0.0.1")],
            PrivateAllowed.AllowedAddresses([IPAddress.Parse("169.254.169.254"), IPAddress.Parse("127.0.0.1")], "https"));

    [Fact]
    public void AllowedAddresses_ForPlainHttp_KeepOnlyPrivateOnes() =>
        Assert.Equal(
            [IPAddress.Parse("10.0.0.1")],
            PrivateAllowed.AllowedAddresses([IPAddress.Parse("8.8.8.8"), IPAddress.Parse("10.0.0.1")], "http"));

    [Fact]
    public void AllowedAddresses_ForPlainHttpToAPublicAddressOnly_Refuses() =>
        Assert.Throws<TargetRefusedException>(() => PrivateAllowed.AllowedAddresses([IPAddress.Parse("8.8.8.8")], "http"));
}
