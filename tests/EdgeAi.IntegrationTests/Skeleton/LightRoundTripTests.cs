using EdgeAi.Testing;
using System.Device.Gpio;
using System.Text.Json;
using EdgeAi.IntegrationTests.Infrastructure;

namespace EdgeAi.IntegrationTests.Skeleton;

/// <summary>
/// The walking skeleton end to end, as a hub sees it: retained discovery and availability on the broker,
/// the topics read from the discovery payload, ON sent and ON seen back, the simulated pin driven.
/// </summary>
public sealed class LightRoundTripTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Simulate_AgainstMosquitto_AnnouncesAndFollowsCommands()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using var node = await InProcessNode.StartAsync("itest", broker: mosquitto.Uri);

        await AssertHubCanDriveLightAsync(mosquitto.Port, "itest", node);
    }

    [Fact]
    public async Task Simulate_WithEmbeddedBroker_AnnouncesAndFollowsCommands()
    {
        var port = FreePort.Next();
        await using var node = await InProcessNode.StartAsync("embedded", embeddedPort: port);

        await AssertHubCanDriveLightAsync(port, "embedded", node, ("homeassistant", node.HubPassword));
    }

    [Fact]
    public async Task Simulate_RetainedCommandLeftOnBroker_IsNotExecuted()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using (var intruder = await HubClient.ConnectAsync(mosquitto.Port, "stale-retainer"))
        {
            await intruder.PublishAsync("edgeai/replay/porch_light/set", "ON", retain: true);
        }

        await using var node = await InProcessNode.StartAsync("replay", broker: mosquitto.Uri);
        await using var hub = await HubClient.ConnectAsync(mosquitto.Port);
        await hub.SubscribeAsync("edgeai/replay/#");
        await hub.WaitForAsync(m => m.Topic == "edgeai/replay/status" && m.Payload == "online", Patience);

        // A fresh command after start-up is obeyed, so the subscription is live; the retained one never was.
        var stateBefore = await hub.WaitForAsync(m => m.Topic == "edgeai/replay/porch_light/state", Patience);
        Assert.Equal("OFF", stateBefore.Payload);
        Assert.Equal(PinValue.Low, node.Board.PeekLevel(17));
        hub.Clear();
        await hub.PublishAsync("edgeai/replay/porch_light/set", "OFF");
        await hub.PublishAsync("edgeai/replay/porch_light/set", "ON");
        await hub.WaitForAsync(m => m.Topic == "edgeai/replay/porch_light/state" && m.Payload == "ON", Patience);
    }

    [Fact]
    public async Task Simulate_InvalidCommand_PublishesErrorAndNothingMoves()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using var node = await InProcessNode.StartAsync("badcmd", broker: mosquitto.Uri);
        await using var hub = await HubClient.ConnectAsync(mosquitto.Port);
        await hub.SubscribeAsync("edgeai/badcmd/#");
        await hub.WaitForAsync(m => m.Topic == "edgeai/badcmd/status" && m.Payload == "online", Patience);

        await hub.PublishAsync("edgeai/badcmd/porch_light/set", "on please");

        var error = await hub.WaitForAsync(m => m.Topic == "edgeai/badcmd/porch_light/error", Patience);
        Assert.False(error.Retain);
        Assert.Contains("ON", error.Payload, StringComparison.Ordinal);
        Assert.Equal(PinValue.Low, node.Board.PeekLevel(17));
    }

    private static async Task AssertHubCanDriveLightAsync(int port, string nodeId, InProcessNode node, (string User, string Password)? login = null)
    {
        await using (var early = await HubClient.ConnectAsync(port, "early-hub", login?.User, login?.Password))
        {
            await early.SubscribeAsync($"edgeai/{nodeId}/status");
            await early.WaitForAsync(m => m.Payload == "online", Patience);
        }

        // A hub that connects now only sees what the broker retained: discovery, availability, state.
        await using var hub = await HubClient.ConnectAsync(port, "test-hub", login?.User, login?.Password);
        await hub.SubscribeAsync($"homeassistant/light/{nodeId}/porch_light/config", $"edgeai/{nodeId}/status");
        var status = await hub.WaitForAsync(m => m.Topic == $"edgeai/{nodeId}/status" && m.Retain, Patience);
        Assert.Equal("online", status.Payload);
        var config = await hub.WaitForAsync(m => m.Topic.StartsWith($"homeassistant/light/{nodeId}/", StringComparison.Ordinal) && m.Retain, Patience);

        using var discovery = JsonDocument.Parse(config.Payload);
        var root = discovery.RootElement;
        var commandTopic = root.GetProperty("command_topic").GetString()!;
        var stateTopic = root.GetProperty("state_topic").GetString()!;
        Assert.EndsWith("/set", commandTopic, StringComparison.Ordinal);
        Assert.Equal($"edgeai/{nodeId}/status", root.GetProperty("availability")[0].GetProperty("topic").GetString());

        await hub.SubscribeAsync(stateTopic);
        var initial = await hub.WaitForAsync(m => m.Topic == stateTopic && m.Retain, Patience);
        Assert.Equal("OFF", initial.Payload);

        hub.Clear();
        await hub.PublishAsync(commandTopic, root.GetProperty("payload_on").GetString()!);

        var state = await hub.WaitForAsync(m => m.Topic == stateTopic, TimeSpan.FromSeconds(1));
        Assert.Equal("ON", state.Payload);
        Assert.Equal(PinValue.High, node.Board.PeekLevel(17));
    }
}
