using System.Buffers;
using System.Text;
using System.Text.Json;
using EdgeAi.Cloud.Client.Offload;
using EdgeAi.EdgeHost.Bridge;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Inference;

/// <summary>
/// The latest on-device decision as two Home Assistant sensors sharing one state topic: <c>&lt;name&gt;</c> (an
/// enum of the configured labels, with the confidence, tier, engine and model version as attributes) and the
/// diagnostic <c>inference_tier</c> (<c>local</c>, <c>cloud</c> or <c>local-fallback</c>: who made the decision).
/// Nothing is published before the first decision.
/// </summary>
internal sealed class InferenceEntity(string name, IReadOnlyList<string> labels) : IBridgeEntity
{
    public const string TierEntityId = "inference_tier";
    private readonly object _gate = new();
    private (string Label, float Confidence, string Tier, string Engine, long Version)? _last;

    public event Action<IBridgeEntity>? StateChanged;

    public string Id => name;

    public IReadOnlyList<EntityCommand> Commands { get; } = [];

    /// <summary>Records a decision and publishes it.</summary>
    public void Update(OffloadDecision decision, string engine, long version)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var label = decision.Answer.Label >= 0 && decision.Answer.Label < labels.Count ? labels[decision.Answer.Label] : $"class_{decision.Answer.Label}";
        lock (_gate)
        {
            _last = (label, decision.Answer.Confidence, decision.Tier.WireName(), engine, version);
        }

        StateChanged?.Invoke(this);
    }

    public IReadOnlyList<DiscoveryConfig> Discovery(TopicLayout topics, NodeDevice device)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return
        [
            DiscoveryDocument.Config("sensor", topics, device, Id, Title(Id), json =>
            {
                json.WriteString("state_topic", topics.State(Id));
                json.WriteString("value_template", "{{ value_json.label }}");
                json.WriteString("json_attributes_topic", topics.State(Id));
                json.WriteString("device_class", "enum");
                json.WriteStartArray("options");
                foreach (var label in labels)
                {
                    json.WriteStringValue(label);
                }

                json.WriteEndArray();
            }),
            DiscoveryDocument.Config("sensor", topics, device, TierEntityId, "Inference tier", json =>
            {
                json.WriteString("state_topic", topics.State(Id));
                json.WriteString("value_template", "{{ value_json.tier }}");
                json.WriteString("entity_category", "diagnostic");
                json.WriteString("device_class", "enum");
                json.WriteStartArray("options");
                json.WriteStringValue("local");
                json.WriteStringValue("cloud");
                json.WriteStringValue("local-fallback");
                json.WriteEndArray();
            }),
        ];
    }

    public IReadOnlyList<EntityState> CurrentStates()
    {
        (string Label, float Confidence, string Tier, string Engine, long Version) last;
        lock (_gate)
        {
            if (_last is null)
            {
                return [];
            }

            last = _last.Value;
        }

        var buffer = new ArrayBufferWriter<byte>(160);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("label", last.Label);
            json.WriteNumber("confidence", Math.Round(last.Confidence, 3));
            json.WriteString("tier", last.Tier);
            json.WriteString("engine", last.Engine);
            json.WriteNumber("model_version", last.Version);
            json.WriteEndObject();
        }

        return [new(null, Encoding.UTF8.GetString(buffer.WrittenSpan))];
    }

    public CommandResult Execute(EntityCommand command, Commands.CommandValue value, CommandContext context) =>
        CommandResult.Rejected("a decision sensor takes no commands");

    private static string Title(string id) => id.Length == 0 ? id : char.ToUpperInvariant(id[0]) + id[1..].Replace('_', ' ');
}
