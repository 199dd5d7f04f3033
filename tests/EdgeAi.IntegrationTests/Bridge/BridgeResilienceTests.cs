using EdgeAi.Testing;
using System.Device.Gpio;
using System.Text.Json;
using EdgeAi.IntegrationTests.Infrastructure;

namespace EdgeAi.IntegrationTests.Bridge;

/// <summary>What a hub relies on when things go wrong: broker restarts, hub restarts, stale retained commands.</summary>
public sealed class BridgeResilienceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task MosquittoRestartedWithoutPersistence_NodeRepublishesEverythingWithin10s()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using var node = await InProcessNode.StartAsync("phoenix", broker: mosquitto.Uri);
        await using (var hub = await HubClient.ConnectAsync(mosquitto.Port))
        {
            await hub.SubscribeAsync("edgeai/phoenix/#");
            await hub.WaitForAsync(m => m.Topic == "edgeai/phoenix/status" && m.Payload == "online", Patience);
            await hub.PublishAsync("edgeai/phoenix/porch_light/set", "ON");
            await hub.WaitForAsync(m => m.Topic == "edgeai/phoenix/porch_light/state" && m.Payload == "ON", Patience);
        }

        await mosquitto.KillAsync();
        await mosquitto.RestartAsync();
        var restartedAt = DateTime.UtcNow;

        // A hub connecting to the empty broker finds everything retained again, and the state is the pin's.
        await using var late = await HubClient.ConnectAsync(mosquitto.Port, "late-hub");
        await late.SubscribeAsync("homeassistant/light/phoenix/+/config", "edgeai/phoenix/status", "edgeai/phoenix/porch_light/state");
        await late.WaitForAsync(m => m.Topic == "edgeai/phoenix/status" && m.Payload == "online", Patience);
        await late.WaitForAsync(m => m.Topic.StartsWith("homeassistant/light/phoenix/", StringComparison.Ordinal), Patience);
        var state = await late.WaitForAsync(m => m.Topic == "edgeai/phoenix/porch_light/state", Patience);
        Assert.Equal("ON", state.Payload);
        Assert.True(DateTime.UtcNow - restartedAt < Patience);
    }

    [Fact]
    public async Task HomeAssistantBirth_NodeRepublishesDiscoveryAvailabilityAndState()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using var node = await InProcessNode.StartAsync("birth", broker: mosquitto.Uri);
        await using var hub = await HubClient.ConnectAsync(mosquitto.Port);
        await hub.SubscribeAsync("homeassistant/light/birth/+/config", "edgeai/birth/#");
        await hub.WaitForAsync(m => m.Topic == "edgeai/birth/status" && m.Payload == "online", Patience);
        hub.Clear();

        await hub.PublishAsync("homeassistant/status", "online");

        // Fresh (non-retained) deliveries prove a re-publish; the node waits a random 0-5 s first.
        await hub.WaitForAsync(m => m.Topic.StartsWith("homeassistant/light/birth/", StringComparison.Ordinal) && !m.Retain, Patience);
        await hub.WaitForAsync(m => m.Topic == "edgeai/birth/porch_light/state" && !m.Retain, Patience);
        await hub.WaitForAsync(m => m.Topic == "edgeai/birth/status" && m.Payload == "online" && !m.Retain, Patience);
    }

    [Fact]
    public async Task RetainedCommand_IsNotExecutedAndIsCleared()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using (var stale = await HubClient.ConnectAsync(mosquitto.Port, "stale"))
        {
            await stale.PublishAsync("edgeai/stale/porch_light/set", "ON", retain: true);
        }

        await using var node = await InProcessNode.StartAsync("stale", broker: mosquitto.Uri);
        await using var hub = await HubClient.ConnectAsync(mosquitto.Port);
        await hub.SubscribeAsync("edgeai/stale/#");
        await hub.WaitForAsync(m => m.Topic == "edgeai/stale/status" && m.Payload == "online", Patience);
        await hub.PublishAsync("edgeai/stale/bridge/request/health_check", "");
        await hub.WaitForAsync(m => m.Topic == "edgeai/stale/bridge/response/health_check", Patience);

        // By the time the node answers a later request it has seen (and cleared) the retained command.
        await using var late = await HubClient.ConnectAsync(mosquitto.Port, "late");
        await late.SubscribeAsync("edgeai/stale/porch_light/set", "edgeai/stale/status");
        await late.WaitForAsync(m => m.Topic == "edgeai/stale/status", Patience);
        Assert.DoesNotContain(late.Messages, m => m.Topic == "edgeai/stale/porch_light/set");
        Assert.Equal(PinValue.Low, node.Board.PeekLevel(17));
        Assert.DoesNotContain(hub.Messages, m => m.Topic == "edgeai/stale/porch_light/error");
    }

    [Fact]
    public async Task BridgeHealthCheck_AnswersWithTransaction()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using var node = await InProcessNode.StartAsync("req", broker: mosquitto.Uri);
        await using var hub = await HubClient.ConnectAsync(mosquitto.Port);
        await hub.SubscribeAsync("edgeai/req/#");
        await hub.WaitForAsync(m => m.Topic == "edgeai/req/status" && m.Payload == "online", Patience);

        await hub.PublishAsync("edgeai/req/bridge/request/health_check", """{"transaction":"t-1"}""");

        var response = await hub.WaitForAsync(m => m.Topic == "edgeai/req/bridge/response/health_check", Patience);
        using var json = JsonDocument.Parse(response.Payload);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("data").GetProperty("healthy").GetBoolean());
        Assert.Equal("t-1", json.RootElement.GetProperty("transaction").GetString());
        Assert.False(response.Retain);
    }
}
