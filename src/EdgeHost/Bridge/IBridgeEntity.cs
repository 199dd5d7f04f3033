using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Bridge;

/// <summary>
/// One Home Assistant entity as the bridge sees it: its discovery payload, its current state read from the
/// device, and its command handler.
/// </summary>
/// <remarks>
/// <see cref="CurrentState"/> and <see cref="HandleCommand"/> may be called from MQTT's receive loop and from the
/// state publisher at the same time; implementations make them thread-safe. <see cref="StateChanged"/> may be
/// raised on any thread.
/// </remarks>
public interface IBridgeEntity
{
    /// <summary>The entity id used in topics: <c>[a-z0-9_]</c>.</summary>
    string Id { get; }

    /// <summary>Home Assistant component (<c>light</c>, <c>lock</c>, <c>climate</c>, ...).</summary>
    string Component { get; }

    /// <summary>Raised after the device's state changed, from whatever cause.</summary>
    event Action<IBridgeEntity>? StateChanged;

    /// <summary>The discovery payload naming every topic and template of the entity.</summary>
    string DiscoveryPayload(TopicLayout topics, NodeDevice device);

    /// <summary>The state payload, read from the device now.</summary>
    string CurrentState();

    /// <summary>Validates and executes a command; on rejection nothing moves and the result says why.</summary>
    CommandResult HandleCommand(string payload);
}
