using EdgeAi.EdgeHost.Commands;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Bridge;

/// <summary>
/// One Home Assistant entity as the bridge sees it: its discovery payload, its current state read from the
/// device, and the commands it accepts, each with the schema <see cref="CommandValidator"/> checks first.
/// </summary>
/// <remarks>
/// <see cref="CurrentStates"/> and <see cref="Execute"/> may be called from MQTT's receive loop and from the
/// state publisher at the same time; implementations make them thread-safe. <see cref="StateChanged"/> may be
/// raised on any thread. <see cref="Execute"/> only ever sees values that passed validation.
/// </remarks>
public interface IBridgeEntity
{
    /// <summary>The entity id used in topics: <c>[a-z0-9_]</c>.</summary>
    string Id { get; }

    /// <summary>The command topics this entity listens on (empty for sensors).</summary>
    IReadOnlyList<EntityCommand> Commands { get; }

    /// <summary>Raised after the device's state changed, from whatever cause.</summary>
    event Action<IBridgeEntity>? StateChanged;

    /// <summary>
    /// The Home Assistant discovery documents of this device: usually one, several where one device is several
    /// entities (a BME280 is a temperature, a humidity and a pressure sensor sharing one state topic).
    /// </summary>
    IReadOnlyList<DiscoveryConfig> Discovery(TopicLayout topics, NodeDevice device);

    /// <summary>The state payloads, read from the device now: the main state (attribute null) and any attribute states.</summary>
    IReadOnlyList<EntityState> CurrentStates();

    /// <summary>Executes a validated command; on rejection nothing moves and the result says why.</summary>
    CommandResult Execute(EntityCommand command, CommandValue value, CommandContext context);
}
