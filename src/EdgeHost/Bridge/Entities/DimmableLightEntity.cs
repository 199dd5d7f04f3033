using System.Globalization;
using EdgeAi.Devices.Lights;
using EdgeAi.EdgeHost.Commands;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Bridge.Entities;

/// <summary>
/// A dimmable light: <c>ON</c>/<c>OFF</c> on <c>.../set</c>, brightness 0–100 on <c>.../brightness/set</c>
/// (Home Assistant's <c>brightness_scale</c> 100), states on <c>.../state</c> and <c>.../brightness</c>.
/// </summary>
public sealed class DimmableLightEntity : IBridgeEntity
{
    private static readonly EntityCommand Switch = new(null, CommandSchema.Word("ON", "OFF"));
    private static readonly EntityCommand Brightness = new("brightness", CommandSchema.Number(0, 100, wholeNumbers: true, unit: "%"));
    private readonly DimmableLight _light;
    private readonly string _name;

    /// <summary>Wraps <paramref name="light"/>.</summary>
    public DimmableLightEntity(string id, string name, DimmableLight light)
    {
        ArgumentNullException.ThrowIfNull(light);
        Id = id;
        _name = name;
        _light = light;
        _light.StateChanged += _ => StateChanged?.Invoke(this);
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
        return [DiscoveryDocument.Config("light", topics, device, Id, _name, json =>
        {
            json.WriteString("command_topic", topics.Command(Id));
            json.WriteString("state_topic", topics.State(Id));
            json.WriteString("brightness_command_topic", topics.Command(Id, Brightness.Attribute));
            json.WriteString("brightness_state_topic", topics.State(Id, Brightness.Attribute));
            json.WriteNumber("brightness_scale", 100);
            json.WriteString("payload_on", "ON");
            json.WriteString("payload_off", "OFF");
            json.WriteBoolean("optimistic", false);
            json.WriteBoolean("retain", false);
        })];
    }

    /// <inheritdoc />
    public IReadOnlyList<EntityState> CurrentStates()
    {
        var state = _light.State;
        return [new(null, state.IsOn ? "ON" : "OFF"), new(Brightness.Attribute, Math.Round(state.Brightness).ToString(CultureInfo.InvariantCulture))];
    }

    /// <inheritdoc />
    public CommandResult Execute(EntityCommand command, CommandValue value, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(value);
        if (command.Attribute == Brightness.Attribute)
        {
            _light.SetBrightness(value.Number);
        }
        else if (value.Text == "ON")
        {
            _light.TurnOn();
        }
        else
        {
            _light.TurnOff();
        }

        return CommandResult.Ok;
    }
}
