using FleetUsers.Webhooks.Signing;

namespace FleetUsers.Webhooks.Tests.Signing;

public sealed class WebhookSecretTests
{
    [Fact]
    public void Generate_ByDefault_IsThePrefixAndThirtyTwoRandomBytes()
    {
        var secret = WebhookSecret.Generate();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, WebhookSecret.Key(secret).Length);
        Assert.NotEqual(secret, WebhookSecret.Generate());
    }

    [Theory]
    [InlineData(24)]
    [InlineData(64)]
    public void Generate_AtTheSpecificationsBounds_GivesKeysOfThatLength(int bytes) =>
        Assert.Equal(bytes, WebhookSecret.Key(WebhookSecret.Generate(bytes)).Length);

    [Theory]
    [InlineData(23)]
    [InlineData(65)]
    public void Generate_OutsideTheSpecificationsBounds_IsRefused(int bytes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookSecret.Generate(bytes));

    [Fact]
    public void Key_OfSomethingThatIsNotBase64_IsRefusedWithoutRepeatingIt()
    {
        var error = Assert.Throws<FormatException>(() => WebhookSecret.Key("whsec_not*base64!"));

        Assert.DoesNotContain("not*base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_OfAnEmptySecret_IsRefused() => Assert.Throws<FormatException>(() => WebhookSecret.Key("whsec_"));
}
