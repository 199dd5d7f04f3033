using System.Globalization;
using EdgeAi.Devices.Lights;
using EdgeAi.EdgeHost.Commands;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Bridge.Entities;

/// <summary>
/// A streetlight under its schedule and motion boost. A command is a manual override that lasts until the next
/// schedule boundary (the controller's rule): <c>ON</c> is full brightness, <c>OFF</c> is dark, a brightness sets
/// that level. Its mode (<c>schedule</c>, <c>boost</c>, <c>manual</c>) is published on <c>.../mode</c>.
/// </summary>
public sealed class StreetlightEntity : IBridgeEntity
{
    private static readonly EntityCommand Switch = new(null, CommandSchema.Word("ON", "OFF"));
    private static readonly EntityCommand Brightness = new("brightness", CommandSchema.Number(0, 100, wholeNumbers: true, unit: "%"));
    private readonly StreetlightController _controller;
    private readonly string _name;

    /// <summary>Wraps <paramref name="controller"/>.</summary>
    public StreetlightEntity(string id, string name, StreetlightController controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        Id = id;
        _name = name;
        _controller = controller;
        _controller.StateChanged += _ => StateChanged?.Invoke(this);
    }

    /// <inheritdoc />
    public event Action<IBridgeEntity>? StateChanged;

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public IReadOnlyList<EntityCommand> Commands { get; } = [Switch, Brightness];

    /// <inheritdoc />
    public IReadOnlyList<DiscoveryConfig> Discovery(TopicLayout topics, NodeDevice device)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return [
            DiscoveryDocument.Config("light", topics, device, Id, _name, json =>
            {
                json.WriteString("command_topic", topics.Command(Id));
                json.WriteString("state_topic", topics.State(Id));
                json.WriteString("brightness_command_topic", topics.Command(Id, Brightness.Attribute));
                json.WriteString("brightness_state_topic", topics.State(Id, Brightness.Attribute));
                json.WriteNumber("brightness_scale", 100);
                json.WriteBoolean("optimistic", false);
                json.WriteBoolean("retain", false);
            }),
            DiscoveryDocument.Config("sensor", topics, device, $"{Id}_mode", $"{_name} mode", json =>
            {
                json.WriteString("state_topic", topics.State(Id, "mode"));
                json.WriteString("device_class", "enum");
                json.WriteStartArray("options");
                foreach (var mode in Enum.GetNames<StreetlightMode>())
                {
                    json.WriteStringValue(mode.ToLowerInvariant());
                }

                json.WriteEndArray();
            }),
        ];
    }

    /// <inheritdoc />
    public IReadOnlyList<EntityState> CurrentStates()
    {
        var state = _controller.State;
        return
        [
            new(null, state.Brightness > 0 ? "ON" : "OFF"),
            new(Brightness.Attribute, Math.Round(state.Brightness).ToString(CultureInfo.InvariantCulture)),
            new("mode", state.Mode.ToString().ToLowerInvariant()),
        ];
    }

    /// <inheritdoc />
    public CommandResult Execute(EntityCommand command, CommandValue value, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(value);
        var level = command.Attribute == Brightness.Attribute ? value.Number : value.Text == "ON" ? 100 : 0;
        _controller.SetManual(level);
        return CommandResult.Ok;
    }
}
