using EdgeAi.Devices.Lights;
using EdgeAi.EdgeHost.Commands;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Bridge.Entities;

/// <summary>An on/off light: payloads <c>ON</c>/<c>OFF</c> (Home Assistant's defaults), state read from the pin.</summary>
public sealed class LightEntity : IBridgeEntity
{
    private const string On = "ON";
    private const string Off = "OFF";
    private static readonly EntityCommand Switch = new(null, CommandSchema.Word(On, Off));
    private readonly OnOffLight _light;
    private readonly string _name;

    /// <summary>Wraps <paramref name="light"/> as entity <paramref name="id"/>.</summary>
    public LightEntity(string id, string name, OnOffLight light)
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
    public IReadOnlyList<EntityCommand> Commands { get; } = [Switch];

    /// <inheritdoc />
    public IReadOnlyList<DiscoveryConfig> Discovery(TopicLayout topics, NodeDevice device)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return [DiscoveryDocument.Config("light", topics, device, Id, _name, json =>
        {
            json.WriteString("command_topic", topics.Command(Id));
            json.WriteString("state_topic", topics.State(Id));
            json.WriteString("payload_on", On);
            json.WriteString("payload_off", Off);
            json.WriteBoolean("optimistic", false);
            json.WriteBoolean("retain", false);
        })];
    }

    /// <inheritdoc />
    public IReadOnlyList<EntityState> CurrentStates() => [new(null, _light.IsOn ? On : Off)];

    /// <inheritdoc />
    public CommandResult Execute(EntityCommand command, CommandValue value, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(value);
        _light.Set(value.Text == On);
        return CommandResult.Ok;
    }
}
