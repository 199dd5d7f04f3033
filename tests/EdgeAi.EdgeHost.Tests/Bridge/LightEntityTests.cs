using System.Device.Gpio;
using System.Text.Json;
using EdgeAi.Devices.Lights;
using EdgeAi.Devices.Simulation;
using EdgeAi.EdgeHost.Bridge;
using EdgeAi.EdgeHost.Bridge.Entities;
using EdgeAi.EdgeHost.Commands;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Tests.Bridge;

public sealed class LightEntityTests : IDisposable
{
    private readonly SimulatedGpioDriver _board = new();
    private readonly GpioController _controller;
    private readonly OnOffLight _light;
    private readonly LightEntity _entity;
    private readonly TopicLayout _topics = new("edgeai", "node1", "homeassistant");

    public LightEntityTests()
    {
        _controller = new GpioController(_board);
        _light = new OnOffLight(_controller, 17);
        _entity = new LightEntity("porch", "Porch", _light);
    }

    public void Dispose()
    {
        _light.Dispose();
        _controller.Dispose();
    }

    [Fact]
    public void HandleCommand_On_DrivesPinAndReportsOn()
    {
        var result = Send("ON");

        Assert.True(result.Accepted);
        Assert.Equal(PinValue.High, _board.PeekLevel(17));
        Assert.Equal("ON", State(_entity));
    }

    [Theory]
    [InlineData("on")]
    [InlineData("")]
    [InlineData("{\"state\":\"ON\"}")]
    [InlineData("ON ")]
    public void HandleCommand_Invalid_RejectedAndNothingMoves(string payload)
    {
        var result = Send(payload);

        Assert.False(result.Accepted);
        Assert.False(string.IsNullOrEmpty(result.Reason));
        Assert.Equal(PinValue.Low, _board.PeekLevel(17));
    }

    [Fact]
    public void StateChanged_RaisedWhenLightSwitches()
    {
        var raised = new List<string>();
        _entity.StateChanged += e => raised.Add(State(e));

        Send("ON");
        Send("ON");

        Assert.Equal(["ON"], raised);
    }

    private CommandResult Send(string payload)
    {
        var command = Assert.Single(_entity.Commands);
        return CommandValidator.TryValidate(System.Text.Encoding.UTF8.GetBytes(payload), command.Schema, out var value, out var reason)
            ? _entity.Execute(command, value!, new CommandContext("test", DateTimeOffset.UnixEpoch))
            : CommandResult.Rejected(reason!);
    }

    private static string State(IBridgeEntity entity) => Assert.Single(entity.CurrentStates()).Payload;

    [Fact]
    public void DiscoveryPayload_NamesTopicsAvailabilityDeviceAndOrigin()
    {
        var device = new NodeDevice("EdgeAi node1", "EdgeAi node (simulated board)", "1.2.3");

        var config = Assert.Single(_entity.Discovery(_topics, device));
        Assert.Equal("light", config.Component);
        using var json = JsonDocument.Parse(config.Payload);
        var root = json.RootElement;

        Assert.Equal("node1_porch", root.GetProperty("unique_id").GetString());
        Assert.Equal("edgeai/node1/porch/set", root.GetProperty("command_topic").GetString());
        Assert.Equal("edgeai/node1/porch/state", root.GetProperty("state_topic").GetString());
        Assert.Equal("ON", root.GetProperty("payload_on").GetString());
        Assert.Equal("OFF", root.GetProperty("payload_off").GetString());
        Assert.False(root.GetProperty("retain").GetBoolean());
        var availability = root.GetProperty("availability")[0];
        Assert.Equal("edgeai/node1/status", availability.GetProperty("topic").GetString());
        Assert.Equal("online", availability.GetProperty("payload_available").GetString());
        Assert.Equal("edgeai_node1", root.GetProperty("device").GetProperty("identifiers")[0].GetString());
        Assert.Equal("1.2.3", root.GetProperty("device").GetProperty("sw_version").GetString());
        Assert.Equal("EdgeAi", root.GetProperty("origin").GetProperty("name").GetString());
    }

    [Fact]
    public void TopicLayout_DiscoveryTopic_FollowsHomeAssistantLayout()
    {
        var config = Assert.Single(_entity.Discovery(_topics, new NodeDevice("n", "m", "1")));
        Assert.Equal("homeassistant/light/node1/porch/config", _topics.Discovery(config.Component, config.ObjectId));
    }
}
