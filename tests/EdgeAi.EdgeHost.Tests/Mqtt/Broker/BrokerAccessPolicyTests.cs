using EdgeAi.EdgeHost.Mqtt;
using EdgeAi.EdgeHost.Mqtt.Broker;

namespace EdgeAi.EdgeHost.Tests.Mqtt.Broker;

public sealed class BrokerAccessPolicyTests
{
    private readonly BrokerAccessPolicy _policy = new(new TopicLayout("edgeai", "node1", "homeassistant"));

    [Theory]
    [InlineData("edgeai/node1/porch_light/set")]
    [InlineData("edgeai/node1/thermostat/target/set")]
    [InlineData("edgeai/node1/bridge/request/health_check")]
    [InlineData("homeassistant/status")]
    public void MayPublish_HubToCommandAndRequestTopics_IsAllowed(string topic)
    {
        Assert.True(_policy.MayPublish(BrokerRole.Hub, topic));
    }

    [Theory]
    [InlineData("edgeai/node1/porch_light/state")]
    [InlineData("edgeai/node1/status")]
    [InlineData("edgeai/node1/porch_light/error")]
    [InlineData("edgeai/node1/bridge/response/health_check")]
    [InlineData("edgeai/node2/porch_light/set")]
    [InlineData("edgeai/node1/a/b/c/set")]
    [InlineData("edgeai/node1//set")]
    [InlineData("edgeai/node1/bridge/set")]
    [InlineData("homeassistant/light/node1/porch_light/config")]
    [InlineData("homeassistant/status/extra")]
    [InlineData("other/topic")]
    public void MayPublish_HubToAnythingElse_IsDenied(string topic)
    {
        Assert.False(_policy.MayPublish(BrokerRole.Hub, topic));
    }

    [Theory]
    [InlineData("edgeai/node1/status")]
    [InlineData("edgeai/node1/porch_light/state")]
    [InlineData("homeassistant/light/node1/porch_light/config")]
    public void MayPublish_NodeToItsTopics_IsAllowed(string topic)
    {
        Assert.True(_policy.MayPublish(BrokerRole.Node, topic));
    }

    [Theory]
    [InlineData("edgeai/node2/status")]
    [InlineData("elsewhere/x")]
    public void MayPublish_NodeOutsideItsTopics_IsDenied(string topic)
    {
        Assert.False(_policy.MayPublish(BrokerRole.Node, topic));
    }

    [Fact]
    public void MayPublish_NoRole_IsAlwaysDenied()
    {
        Assert.False(_policy.MayPublish(BrokerRole.None, "edgeai/node1/porch_light/set"));
    }

    [Theory]
    [InlineData("edgeai/#", true)]
    [InlineData("edgeai/node1/+/state", true)]
    [InlineData("homeassistant/#", true)]
    [InlineData("#", false)]
    [InlineData("+/node1/status", false)]
    [InlineData("edgeai", false)]
    [InlineData("$SYS/#", false)]
    public void MaySubscribe_Hub_OnlyUnderReadableRoots(string filter, bool allowed)
    {
        Assert.Equal(allowed, _policy.MaySubscribe(BrokerRole.Hub, filter));
    }
}
