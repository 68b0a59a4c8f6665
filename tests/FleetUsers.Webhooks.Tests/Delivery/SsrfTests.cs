using System.Net;
using System.Net.Sockets;
using System.Text;
using FleetUsers.Webhooks.Delivery;
using FleetUsers.Webhooks.Signing;
using FleetUsers.Webhooks.Targets;
using FleetUsers.Webhooks.Tests.Support;

namespace FleetUsers.Webhooks.Tests.Delivery;

/// <summary>
/// The SSRF policy on real connections. Only loopback is ever dialled here: refusals of other
/// ranges are shown without a network (TargetPolicyTests), so a broken policy cannot send a packet
/// anywhere else.
/// </summary>
public sealed class SsrfTests(Receiver receiver) : IClassFixture<Receiver>
{
    private static readonly byte[] Event = Encoding.UTF8.GetBytes("""{"type":"user.created"}""");

    private static WebhookMessage Message(string url) => new(url, WebhookSecret.Generate(), "evt_1", Event);

    /// <summary>A DNS that answers what the test says: the attacker's own name server.</summary>
    private static HostResolver Resolving(string host, params string[] addresses) => (name, _) =>
        name == host
            ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray())
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));

    [Fact]
    public async Task Send_ToLoopback_IsRefusedByDefault_AndNothingArrives()
    {
        var test = Receiver.NewTest();
        using var sender = new WebhookSender(new WebhookOptions());

        var outcome = await sender.SendAsync(Message(receiver.Url("ok", test).Replace("http://", "https://", StringComparison.Ordinal)));

        Assert.Equal(DeliveryResult.TargetRefused, outcome.Result);
        Assert.Contains("a loopback address", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.For(test));
    }

    [Fact]
    public async Task Send_ToLoopback_ArrivesWhenPrivateTargetsAreAllowed()
    {
        var test = Receiver.NewTest();
        using var sender = new WebhookSender(new WebhookOptions { AllowPrivateTargets = true });

        var outcome = await sender.SendAsync(Message(receiver.Url("ok", test)));

        Assert.Equal(DeliveryResult.Succeeded, outcome.Result);
        Assert.Single(receiver.For(test));
    }

    [Fact]
    public async Task Connect_ToLocalhost_IsRefusedEvenWhenTheUrlCheckIsBypassed()
    {
        var test = Receiver.NewTest();
        using var client = DeliveryHttpClient.Create(new TargetPolicy(allowPrivateTargets: false), HostResolvers.System);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync($"http://localhost:{receiver.Port}/ok?test={test}", new ByteArrayContent(Event)));

        Assert.IsType<TargetRefusedException>(error.InnerException);
        Assert.Empty(receiver.For(test));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task Send_ToANameThatResolvesToLoopback_IsRefusedAtConnectTime(string address)
    {
        // The name passes the URL check; what it resolves to when the delivery connects does not (DNS rebinding).
        var test = Receiver.NewTest();
        using var sender = new WebhookSender(new WebhookOptions(), resolver: Resolving("hooks.example.com", address));
        var url = $"https://hooks.example.com:{receiver.Port}/ok?test={test}";
        Assert.Null(sender.Policy.CheckUrl(url));

        var outcome = await sender.SendAsync(Message(url));

        Assert.Equal(DeliveryResult.TargetRefused, outcome.Result);
        Assert.DoesNotContain("127.0.0.1", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.For(test));
    }

    [Fact]
    public async Task Send_ToANameWithRefusedAndAllowedAddresses_ConnectsOnlyToAnAllowedOne()
    {
        // 0.0.0.0 is never allowed; dialled, Linux takes it for 127.0.0.1, where a decoy listens on
        // the port of the real receiver at 127.0.0.2. Nothing leaves the machine either way.
        var test = Receiver.NewTest();
        var elsewhere = new Receiver("127.0.0.2");
        await elsewhere.InitializeAsync();
        await using var _ = elsewhere;
        var decoy = new TcpListener(IPAddress.Loopback, elsewhere.Port);
        decoy.Start();
        try
        {
            using var sender = new WebhookSender(
                new WebhookOptions { AllowPrivateTargets = true }, resolver: Resolving("receiver.test", "0.0.0.0", "127.0.0.2"));

            var outcome = await sender.SendAsync(Message($"http://receiver.test:{elsewhere.Port}/ok?test={test}"));

            Assert.Equal(DeliveryResult.Succeeded, outcome.Result);
            Assert.Single(elsewhere.For(test));
            Assert.False(decoy.Pending());
        }
        finally
        {
            decoy.Stop();
        }
    }

    [Fact]
    public async Task Send_WithAProxyConfigured_GoesDirectlyAndChecksTheTarget()
    {
        // Through a proxy, the connection the policy checks would be the proxy's, not the target's.
        var test = Receiver.NewTest();
        var saved = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new WebProxy($"http://127.0.0.1:{receiver.Port}");
        try
        {
            using var sender = new WebhookSender(new WebhookOptions { AllowPrivateTargets = true }, resolver: Resolving("receiver.test"));

            var outcome = await sender.SendAsync(Message($"http://hooks.example.com/ok?test={test}"));

            Assert.Equal(DeliveryResult.NetworkError, outcome.Result);
            Assert.Empty(receiver.For(test));
        }
        finally
        {
            HttpClient.DefaultProxy = saved;
        }
    }

    [Fact]
    public async Task Send_ToANameThatResolvesToAnIPv4MappedAddress_DialsItAsIPv4()
    {
        var test = Receiver.NewTest();
        using var sender = new WebhookSender(new WebhookOptions { AllowPrivateTargets = true }, resolver: Resolving("receiver.test", "::ffff:127.0.0.1"));

        var outcome = await sender.SendAsync(Message($"http://receiver.test:{receiver.Port}/ok?test={test}"));

        Assert.Equal(DeliveryResult.Succeeded, outcome.Result);
        Assert.Single(receiver.For(test));
    }

    [Fact]
    public async Task Send_ToANameThatDoesNotResolve_IsANetworkError()
    {
        using var sender = new WebhookSender(new WebhookOptions { AllowPrivateTargets = true }, resolver: Resolving("receiver.test"));

        var outcome = await sender.SendAsync(Message("http://nowhere.test/hook"));

        Assert.Equal(DeliveryResult.NetworkError, outcome.Result);
        Assert.NotNull(outcome.Error);
    }

    [Fact]
    public async Task Send_ToAPortNobodyListensOn_IsANetworkError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var sender = new WebhookSender(new WebhookOptions { AllowPrivateTargets = true });

        var outcome = await sender.SendAsync(Message($"http://127.0.0.1:{port}/hook"));

        Assert.Equal(DeliveryResult.NetworkError, outcome.Result);
        Assert.Contains("refused", outcome.Error, StringComparison.OrdinalIgnoreCase);
    }
}
