using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Tests.Mqtt;

public sealed class BrokerAddressTests
{
    [Theory]
    [InlineData("mqtt://127.0.0.1:1884", "127.0.0.1", 1884, false)]
    [InlineData("mqtt://broker.local", "broker.local", 1883, false)]
    [InlineData("mqtts://broker.local", "broker.local", 8883, true)]
    [InlineData("mqtts://broker.local:9883/", "broker.local", 9883, true)]
    public void TryParse_ValidUri_ReturnsHostPortAndTls(string uri, string host, int port, bool tls)
    {
        Assert.True(BrokerAddress.TryParse(uri, out var address, out var error));
        Assert.Null(error);
        Assert.Equal(new BrokerAddress(host, port, tls, null, null), address);
    }

    [Fact]
    public void TryParse_Credentials_AreUnescaped()
    {
        Assert.True(BrokerAddress.TryParse("mqtt://hub:p%40ss%3Aword@10.0.0.2:1883", out var address, out _));

        Assert.Equal("hub", address!.UserName);
        Assert.Equal("p@ss:word", address.Password);
    }

    [Fact]
    public void ToString_NeverContainsThePassword()
    {
        Assert.True(BrokerAddress.TryParse("mqtt://hub:secret@host:1883", out var address, out _));

        Assert.Equal("mqtt://host:1883", address!.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost:1883")]
    [InlineData("http://host:1883")]
    [InlineData("mqtt://host:1883/topic")]
    [InlineData("mqtt://host:1883?x=1")]
    public void TryParse_InvalidUri_FailsWithReason(string uri)
    {
        Assert.False(BrokerAddress.TryParse(uri, out var address, out var error));
        Assert.Null(address);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
