using EdgeAi.Devices.Sensors;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Bridge.Entities;

/// <summary>A binary sensor (motion, door, window): <c>ON</c>/<c>OFF</c> on <c>.../state</c>, no commands.</summary>
public sealed class BinarySensorEntity : IBridgeEntity
{
    private readonly string _name;
    private readonly string _deviceClass;
    private readonly Func<SensorReading<bool>> _read;

    /// <summary>Creates the entity; <paramref name="subscribe"/> hooks the sensor's change event.</summary>
    /// <param name="id">Entity id.</param>
    /// <param name="name">Name shown in Home Assistant.</param>
    /// <param name="deviceClass">Home Assistant device class: <c>motion</c>, <c>door</c>, <c>window</c>.</param>
    /// <param name="read">Reads the current value (true = motion or open).</param>
    /// <param name="subscribe">Registers a callback for changes.</param>
    public BinarySensorEntity(string id, string name, string deviceClass, Func<SensorReading<bool>> read, Action<Action> subscribe)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        Id = id;
        _name = name;
        _deviceClass = deviceClass;
        _read = read;
        subscribe(() => StateChanged?.Invoke(this));
    }

    /// <inheritdoc />
    public event Action<IBridgeEntity>? StateChanged;

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public IReadOnlyList<EntityCommand> Commands { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<DiscoveryConfig> Discovery(TopicLayout topics, NodeDevice device)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return [DiscoveryDocument.Config("binary_sensor", topics, device, Id, _name, json =>
        {
            json.WriteString("state_topic", topics.State(Id));
            json.WriteString("device_class", _deviceClass);
            json.WriteString("payload_on", "ON");
            json.WriteString("payload_off", "OFF");
        })];
    }

    /// <inheritdoc />
    public IReadOnlyList<EntityState> CurrentStates() => [new(null, _read().Value ? "ON" : "OFF")];

    /// <inheritdoc />
    public CommandResult Execute(EntityCommand command, Commands.CommandValue value, CommandContext context) =>
        CommandResult.Rejected("a binary sensor takes no commands");
}
