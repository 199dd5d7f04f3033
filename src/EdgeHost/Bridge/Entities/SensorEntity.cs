using System.Buffers;
using System.Text;
using System.Text.Json;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Bridge.Entities;

/// <summary>
/// A sensor device with one or more measured quantities, published together as one JSON object on
/// <c>.../state</c> (<c>{"temperature": 21.3, "humidity": 40, "pressure": 1013.2}</c>); each quantity is its own
/// Home Assistant sensor reading it with <c>{{ value_json.&lt;key&gt; }}</c>. Nothing is published for a sensor
/// that has not read successfully (never a made-up value); <c>expire_after</c> makes Home Assistant show it
/// unavailable when readings stop.
/// </summary>
public sealed class SensorEntity : IBridgeEntity
{
    private readonly string _name;
    private readonly IReadOnlyList<SensorChannel> _channels;
    private readonly Func<IReadOnlyDictionary<string, double>?> _read;
    private readonly int _expireAfterSeconds;

    /// <summary>Creates the entity.</summary>
    /// <param name="id">Device id; the entities are <c>&lt;id&gt;_&lt;key&gt;</c>.</param>
    /// <param name="name">Device name shown in Home Assistant.</param>
    /// <param name="channels">The quantities.</param>
    /// <param name="read">The latest reading by channel key, or null when there is none yet.</param>
    /// <param name="subscribe">Registers a callback for new readings.</param>
    /// <param name="expireAfter">After how long without a reading Home Assistant shows the sensor unavailable.</param>
    public SensorEntity(string id, string name, IReadOnlyList<SensorChannel> channels, Func<IReadOnlyDictionary<string, double>?> read, Action<Action> subscribe, TimeSpan expireAfter)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        Id = id;
        _name = name;
        _channels = channels;
        _read = read;
        _expireAfterSeconds = (int)Math.Ceiling(expireAfter.TotalSeconds);
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
        return _channels.Select(channel => DiscoveryDocument.Config("sensor", topics, device, $"{Id}_{channel.Key}", $"{_name} {channel.Name}", json =>
        {
            json.WriteString("state_topic", topics.State(Id));
            json.WriteString("value_template", $"{{{{ value_json.{channel.Key} }}}}");
            json.WriteString("device_class", channel.DeviceClass);
            json.WriteString("unit_of_measurement", channel.Unit);
            json.WriteString("state_class", "measurement");
            json.WriteNumber("suggested_display_precision", channel.Precision);
            json.WriteNumber("expire_after", _expireAfterSeconds);
        })).ToList();
    }

    /// <inheritdoc />
    public IReadOnlyList<EntityState> CurrentStates()
    {
        var values = _read();
        if (values is null)
        {
            return [];
        }

        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var channel in _channels)
            {
                if (values.TryGetValue(channel.Key, out var value) && double.IsFinite(value))
                {
                    json.WriteNumber(channel.Key, Math.Round(value, channel.Precision + 1));
                }
            }

            json.WriteEndObject();
        }

        return [new(null, Encoding.UTF8.GetString(buffer.WrittenSpan))];
    }

    /// <inheritdoc />
    public CommandResult Execute(EntityCommand command, Commands.CommandValue value, CommandContext context) =>
        CommandResult.Rejected("a sensor takes no commands");
}
