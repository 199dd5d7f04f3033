using System.Buffers;
using System.Text;
using System.Text.Json;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.HomeAssistant;

/// <summary>
/// Writes a Home Assistant MQTT discovery payload: the entity's own keys, then the availability, device and
/// origin blocks every entity of the node shares. Full key names only (Home Assistant drops unknown keys
/// silently, so a misspelt abbreviation would be a feature that quietly does not work).
/// </summary>
public static class DiscoveryDocument
{
    /// <summary>Builds a <see cref="DiscoveryConfig"/> for <paramref name="component"/>.</summary>
    public static DiscoveryConfig Config(string component, TopicLayout topics, NodeDevice device, string objectId, string name, Action<Utf8JsonWriter> writeEntityKeys) =>
        new(component, objectId, Build(topics, device, objectId, name, writeEntityKeys));

    /// <summary>Builds the JSON payload; <paramref name="writeEntityKeys"/> writes the component's own keys.</summary>
    public static string Build(TopicLayout topics, NodeDevice device, string objectId, string name, Action<Utf8JsonWriter> writeEntityKeys)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(writeEntityKeys);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("unique_id", $"{topics.NodeId}_{objectId}");
            writeEntityKeys(json);
            json.WriteNumber("qos", 1);

            json.WriteStartArray("availability");
            json.WriteStartObject();
            json.WriteString("topic", topics.Status);
            json.WriteString("payload_available", Availability.Online);
            json.WriteString("payload_not_available", Availability.Offline);
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartObject("device");
            json.WriteStartArray("identifiers");
            json.WriteStringValue($"edgeai_{topics.NodeId}");
            json.WriteEndArray();
            json.WriteString("name", device.Name);
            json.WriteString("manufacturer", "EdgeAi");
            json.WriteString("model", device.Model);
            json.WriteString("sw_version", device.SoftwareVersion);
            json.WriteEndObject();

            json.WriteStartObject("origin");
            json.WriteString("name", "EdgeAi");
            json.WriteString("sw_version", device.SoftwareVersion);
            json.WriteEndObject();

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
