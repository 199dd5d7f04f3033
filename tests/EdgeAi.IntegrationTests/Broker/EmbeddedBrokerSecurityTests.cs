using EdgeAi.Testing;
using System.Device.Gpio;
using EdgeAi.IntegrationTests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeAi.IntegrationTests.Broker;

/// <summary>The embedded broker as an attacker on the machine sees it: no anonymous access, a topic ACL.</summary>
public sealed class EmbeddedBrokerSecurityTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly int _port = FreePort.Next();
    private InProcessNode _node = null!;

    public async Task InitializeAsync() => _node = await InProcessNode.StartAsync("secure", embeddedPort: _port);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Connect_Anonymous_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<HubClient.ConnectRefusedException>(() => HubClient.ConnectAsync(_port, "anonymous"));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, ex.ResultCode);
    }

    [Fact]
    public async Task Connect_WrongPassword_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<HubClient.ConnectRefusedException>(() => HubClient.ConnectAsync(_port, "guesser", "homeassistant", "password"));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, ex.ResultCode);
    }

    [Fact]
    public async Task Connect_HubUsingTheNodesClientId_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<HubClient.ConnectRefusedException>(() => HubClient.ConnectAsync(_port, "edgeai-secure", "homeassistant", _node.HubPassword));

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, ex.ResultCode);
    }

    [Fact]
    public async Task Publish_HubToStateOrStatusTopic_IsNotAuthorizedAndNotDelivered()
    {
        await using var hub = await HubClient.ConnectAsync(_port, "hub", "homeassistant", _node.HubPassword);
        await hub.SubscribeAsync("edgeai/secure/#");
        await hub.WaitForAsync(m => m.Topic == "edgeai/secure/status" && m.Payload == "online", Patience);
        hub.Clear();

        var state = await hub.PublishAsync("edgeai/secure/porch_light/state", "ON", retain: true);
        var status = await hub.PublishAsync("edgeai/secure/status", "offline", retain: true);
        var discovery = await hub.PublishAsync("homeassistant/light/secure/porch_light/config", "", retain: true);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, state.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, status.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, discovery.ReasonCode);

        // A command afterwards is delivered and obeyed; the forged messages before it never were.
        await hub.PublishAsync("edgeai/secure/porch_light/set", "ON");
        await hub.WaitForAsync(m => m.Topic == "edgeai/secure/porch_light/state" && m.Payload == "ON", Patience);
        Assert.DoesNotContain(hub.Messages, m => m.Topic == "edgeai/secure/status" && m.Payload == "offline");
        Assert.Equal(PinValue.High, _node.Board.PeekLevel(17));
    }

    [Fact]
    public async Task Publish_HubToAnotherNodesCommandTopic_IsNotAuthorized()
    {
        await using var hub = await HubClient.ConnectAsync(_port, "hub", "homeassistant", _node.HubPassword);

        var result = await hub.PublishAsync("edgeai/other/porch_light/set", "ON");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
    }

    [Fact]
    public async Task Subscribe_HubOutsideReadableRoots_IsNotAuthorized()
    {
        await using var hub = await HubClient.ConnectAsync(_port, "hub", "homeassistant", _node.HubPassword);

        var everything = await hub.SubscribeAsync("#");
        var readable = await hub.SubscribeAsync("edgeai/#");

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, everything.Items.Single().ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, readable.Items.Single().ResultCode);
    }

    [Fact]
    public void CredentialsFile_IsReadableByOwnerOnly()
    {
        var mode = File.GetUnixFileMode(Path.Combine(_node.DataDirectory, "mqtt-credentials.json"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }
}
