using System.Buffers;
using System.Text;
using System.Text.Json;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Bridge.Entities;

/// <summary>
/// The node's own health as a diagnostic sensor (<c>entity_category: diagnostic</c>): <c>ok</c> or
/// <c>degraded</c>, with the list of faults (a sensor without readings, a thermostat fault, a jammed lock) as
/// attributes on <c>.../health/state</c>. <see cref="Refresh"/> re-evaluates and raises a change only when the
/// faults changed.
/// </summary>
public sealed class HealthEntity(Func<IReadOnlyList<string>> faults) : IBridgeEntity
{
    private IReadOnlyList<string> _last = [];

    /// <inheritdoc />
    public event Action<IBridgeEntity>? StateChanged;

    /// <inheritdoc />
    public string Id => "health";

    /// <inheritdoc />
    public IReadOnlyList<EntityCommand> Commands { get; } = [];

    /// <summary>Re-reads the faults; publishes when they differ from the last ones.</summary>
    public void Refresh()
    {
        var now = faults();
        if (now.SequenceEqual(_last, StringComparer.Ordinal))
        {
            return;
        }

        _last = now;
        StateChanged?.Invoke(this);
    }

    /// <inheritdoc />
    public IReadOnlyList<DiscoveryConfig> Discovery(TopicLayout topics, NodeDevice device)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return [DiscoveryDocument.Config("sensor", topics, device, "node_health", "Runtime health", json =>
        {
            json.WriteString("state_topic", topics.State(Id));
            json.WriteString("value_template", "{{ value_json.status }}");
            json.WriteString("json_attributes_topic", topics.State(Id));
            json.WriteString("entity_category", "diagnostic");
            json.WriteString("device_class", "enum");
            json.WriteStartArray("options");
            json.WriteStringValue("ok");
            json.WriteStringValue("degraded");
            json.WriteEndArray();
        })];
    }

    /// <inheritdoc />
    public IReadOnlyList<EntityState> CurrentStates()
    {
        _last = faults();
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", _last.Count == 0 ? "ok" : "degraded");
            json.WriteStartArray("faults");
            foreach (var fault in _last)
            {
                json.WriteStringValue(fault);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return [new(null, Encoding.UTF8.GetString(buffer.WrittenSpan))];
    }

    /// <inheritdoc />
    public CommandResult Execute(EntityCommand command, Commands.CommandValue value, CommandContext context) =>
        CommandResult.Rejected("the health sensor takes no commands");
}
