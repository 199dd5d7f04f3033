using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Tests.Mqtt;

public sealed class MqttOptionsValidatorTests
{
    private readonly MqttOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(_validator.Validate(null, new MqttOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Validate_PortOutOfRange_NamesTheKey(int port)
    {
        var result = _validator.Validate(null, new MqttOptions { EmbeddedPort = port });

        Assert.True(result.Failed);
        Assert.Contains("Mqtt:EmbeddedPort", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("edge/#")]
    [InlineData("edge/+/x")]
    [InlineData("/edge")]
    [InlineData("edge//x")]
    [InlineData("")]
    public void Validate_BaseTopicWithWildcardOrEmptySegment_Fails(string baseTopic)
    {
        var result = _validator.Validate(null, new MqttOptions { BaseTopic = baseTopic });

        Assert.True(result.Failed);
        Assert.Contains("Mqtt:BaseTopic", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadBrokerUri_NamesTheKey()
    {
        var result = _validator.Validate(null, new MqttOptions { Broker = "tcp://host" });

        Assert.Contains("Mqtt:Broker", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeepAliveTooShort_NamesTheKey()
    {
        var result = _validator.Validate(null, new MqttOptions { KeepAliveSeconds = 1 });

        Assert.Contains("Mqtt:KeepAliveSeconds", result.FailureMessage, StringComparison.Ordinal);
    }
}
