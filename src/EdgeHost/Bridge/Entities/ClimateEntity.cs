using System.Globalization;
using EdgeAi.Devices.Climate;
using EdgeAi.EdgeHost.Commands;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Bridge.Entities;

/// <summary>
/// A thermostat as a Home Assistant climate entity: mode on <c>.../mode/set</c>, setpoint on <c>.../target/set</c>
/// (outside <c>min_temp</c>..<c>max_temp</c> it is rejected with the limits, never clamped), states on
/// <c>.../mode</c>, <c>.../target</c>, <c>.../current</c>, <c>.../action</c>, and the fault as JSON attributes on
/// <c>.../state</c>.
/// </summary>
public sealed class ClimateEntity : IBridgeEntity
{
    private readonly ThermostatController _thermostat;
    private readonly string _name;
    private readonly double _tempStep;
    private readonly EntityCommand _mode;
    private readonly EntityCommand _target;

    /// <summary>Wraps <paramref name="thermostat"/>; modes are off and heat, plus cool and auto when it has a cooler.</summary>
    public ClimateEntity(string id, string name, ThermostatController thermostat, bool hasCooler, double tempStep)
    {
        ArgumentNullException.ThrowIfNull(thermostat);
        Id = id;
        _name = name;
        _thermostat = thermostat;
        _tempStep = tempStep;
        Modes = hasCooler ? ["off", "heat", "cool", "auto"] : ["off", "heat"];
        _mode = new EntityCommand("mode", CommandSchema.Word([.. Modes]));
        _target = new EntityCommand("target", CommandSchema.Number(thermostat.Options.MinTemperature, thermostat.Options.MaxTemperature, unit: "°C"));
        Commands = [_mode, _target];
        _thermostat.StateChanged += _ => StateChanged?.Invoke(this);
    }

    /// <inheritdoc />
    public event Action<IBridgeEntity>? StateChanged;

    /// <inheritdoc />
    public string Id { get; }

    /// <summary>The Home Assistant modes offered.</summary>
    public IReadOnlyList<string> Modes { get; }

    /// <inheritdoc />
    public IReadOnlyList<EntityCommand> Commands { get; }

    /// <inheritdoc />
    public IReadOnlyList<DiscoveryConfig> Discovery(TopicLayout topics, NodeDevice device)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return [DiscoveryDocument.Config("climate", topics, device, Id, _name, json =>
        {
            json.WriteStartArray("modes");
            foreach (var mode in Modes)
            {
                json.WriteStringValue(mode);
            }

            json.WriteEndArray();
            json.WriteString("mode_command_topic", topics.Command(Id, "mode"));
            json.WriteString("mode_state_topic", topics.State(Id, "mode"));
            json.WriteString("temperature_command_topic", topics.Command(Id, "target"));
            json.WriteString("temperature_state_topic", topics.State(Id, "target"));
            json.WriteString("current_temperature_topic", topics.State(Id, "current"));
            json.WriteString("action_topic", topics.State(Id, "action"));
            json.WriteString("json_attributes_topic", topics.State(Id));
            json.WriteNumber("min_temp", _thermostat.Options.MinTemperature);
            json.WriteNumber("max_temp", _thermostat.Options.MaxTemperature);
            json.WriteNumber("temp_step", _tempStep);
            json.WriteNumber("precision", 0.1);
            json.WriteString("temperature_unit", "C");
            json.WriteBoolean("optimistic", false);
            json.WriteBoolean("retain", false);
        })];
    }

    /// <inheritdoc />
    public IReadOnlyList<EntityState> CurrentStates()
    {
        var state = _thermostat.State;
        var current = state.CurrentTemperature is { } t && double.IsFinite(t.DegreesCelsius)
            ? Math.Round(t.DegreesCelsius, 2).ToString(CultureInfo.InvariantCulture)
            : "None";
        return
        [
            new("mode", state.Mode.ToString().ToLowerInvariant()),
            new("target", state.TargetCelsius.ToString(CultureInfo.InvariantCulture)),
            new("current", current),
            new("action", state.Action.ToString().ToLowerInvariant()),
            new(null, $$"""{"fault":"{{Snake(state.Fault.ToString())}}","heater_on":{{(state.HeaterOn ? "true" : "false")}}}"""),
        ];
    }

    /// <inheritdoc />
    public CommandResult Execute(EntityCommand command, CommandValue value, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(value);
        if (command.Attribute == _target.Attribute)
        {
            return _thermostat.TrySetTargetTemperature(value.Number, out var error) ? CommandResult.Ok : CommandResult.Rejected(error!, CommandRejection.Validation);
        }

        var mode = Enum.Parse<ThermostatMode>(value.Text!, ignoreCase: true);
        try
        {
            _thermostat.SetMode(mode);
            return CommandResult.Ok;
        }
        catch (ArgumentException ex)
        {
            return CommandResult.Rejected(ex.Message);
        }
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
}
