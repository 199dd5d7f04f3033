using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeAi.IntegrationTests.Infrastructure;
using EdgeAi.Testing;

namespace EdgeAi.IntegrationTests.Bridge;

/// <summary>
/// What Home Assistant reads from the demo house: every discovery document of every entity kind, checked the way
/// the hub would use it. Home Assistant drops unknown keys silently, so the keys and templates are checked here.
/// </summary>
public sealed partial class DiscoveryContractTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["light"] = ["command_topic", "state_topic"],
        ["lock"] = ["command_topic", "state_topic", "code_format", "command_template"],
        ["climate"] = ["mode_command_topic", "mode_state_topic", "temperature_command_topic", "temperature_state_topic", "current_temperature_topic", "action_topic", "modes", "min_temp", "max_temp", "temp_step", "precision"],
        ["sensor"] = ["state_topic"],
        ["binary_sensor"] = ["state_topic", "device_class"],
    };

    [Fact]
    public async Task DemoHouse_EveryDiscoveryDocument_IsCompleteAndItsStatesMatchItsTemplates()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using var node = await InProcessNode.StartAsync("house", broker: mosquitto.Uri);
        await using (var first = await HubClient.ConnectAsync(mosquitto.Port, "first"))
        {
            await first.SubscribeAsync("edgeai/house/status");
            await first.WaitForAsync(m => m.Payload == "online", Patience);
            await first.SubscribeAsync("edgeai/house/living_climate/state", "edgeai/house/living_co2/state");
            await first.WaitForAsync(m => m.Topic == "edgeai/house/living_climate/state", Patience); // sensors have read once
            await first.WaitForAsync(m => m.Topic == "edgeai/house/living_co2/state", Patience); // the SCD4x measures every 5 s
        }

        await using var hub = await HubClient.ConnectAsync(mosquitto.Port);
        await hub.SubscribeAsync("homeassistant/+/house/+/config", "edgeai/house/#");
        await hub.WaitForAsync(m => m.Topic == "edgeai/house/status" && m.Retain, Patience);
        await hub.WaitForAsync(m => m.Topic == "homeassistant/sensor/house/node_health/config" && m.Retain, Patience);
        await hub.WaitForAsync(m => m.Topic == "edgeai/house/living_co2/state" && m.Retain, Patience);
        var retained = hub.Messages.Where(m => m.Retain).GroupBy(m => m.Topic).ToDictionary(g => g.Key, g => g.Last().Payload);
        var configs = retained.Where(r => r.Key.StartsWith("homeassistant/", StringComparison.Ordinal)).ToList();

        var components = configs.Select(c => c.Key.Split('/')[1]).ToHashSet();
        Assert.Superset(new HashSet<string> { "light", "lock", "climate", "sensor", "binary_sensor" }, components);
        string[] expected =
        [
            "light/porch_light", "light/living_light", "light/streetlight", "sensor/streetlight_mode", "lock/front_door",
            "binary_sensor/front_door_door", "binary_sensor/living_window", "binary_sensor/hall_motion",
            "sensor/living_climate_temperature", "sensor/living_climate_humidity", "sensor/living_climate_pressure",
            "sensor/living_co2_co2", "sensor/living_co2_temperature", "sensor/living_co2_humidity",
            "sensor/living_lux_illuminance", "climate/living_thermostat", "sensor/node_health",
            "sensor/living_occupancy", "sensor/inference_tier",
        ];
        Assert.Equal(expected.Order(), configs.Select(c => $"{c.Key.Split('/')[1]}/{c.Key.Split('/')[3]}").Order());
        foreach (var (topic, payload) in configs)
        {
            var component = topic.Split('/')[1];
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            foreach (var key in Required[component].Concat(["unique_id", "availability", "device", "origin"]))
            {
                Assert.True(root.TryGetProperty(key, out _), $"{topic} lacks {key}");
            }

            Assert.Equal("edgeai/house/status", root.GetProperty("availability")[0].GetProperty("topic").GetString());
            Assert.Equal("edgeai_house", root.GetProperty("device").GetProperty("identifiers")[0].GetString());
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name.EndsWith("_topic", StringComparison.Ordinal))
                {
                    Assert.StartsWith("edgeai/house/", property.Value.GetString(), StringComparison.Ordinal);
                }

                if (property.Name.EndsWith("_template", StringComparison.Ordinal))
                {
                    Assert.Matches(AllowedTemplate(), property.Value.GetString()!);
                }
            }

            // Every state topic the hub will read already holds a retained state it can use.
            foreach (var stateKey in new[] { "state_topic", "mode_state_topic", "temperature_state_topic", "brightness_state_topic", "action_topic", "current_temperature_topic" })
            {
                if (!root.TryGetProperty(stateKey, out var stateTopic))
                {
                    continue;
                }

                // The occupancy decision is published once its window is full (an hour of readings), never made up before;
                // NodeOffloadTests checks its states. Every other state topic holds a retained state already.
                if (stateTopic.GetString() == "edgeai/house/living_occupancy/state" && !retained.ContainsKey(stateTopic.GetString()!))
                {
                    continue;
                }

                Assert.True(retained.TryGetValue(stateTopic.GetString()!, out var state), $"{topic}: nothing retained on {stateTopic}");
                if (root.TryGetProperty("value_template", out var template) && stateKey == "state_topic" && ValueJsonKey().Match(template.GetString()!) is { Success: true } match)
                {
                    using var stateJson = JsonDocument.Parse(state);
                    Assert.True(stateJson.RootElement.TryGetProperty(match.Groups[1].Value, out var field), $"{topic}: state {state} lacks {match.Groups[1].Value}");
                    Assert.Contains(field.ValueKind, new[] { JsonValueKind.Number, JsonValueKind.String });
                }
                else if (component == "binary_sensor" || (component == "light" && stateKey == "state_topic"))
                {
                    Assert.Contains(state, new[] { "ON", "OFF" });
                }
                else if (component == "lock")
                {
                    Assert.Contains(state, new[] { "LOCKED", "UNLOCKED", "LOCKING", "UNLOCKING", "JAMMED" });
                }
                else if (stateKey == "mode_state_topic")
                {
                    Assert.Contains(state, root.GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
                }
                else if (stateKey is "temperature_state_topic" or "brightness_state_topic")
                {
                    Assert.True(double.TryParse(state, System.Globalization.CultureInfo.InvariantCulture, out _), $"{stateTopic}: '{state}' is not a number");
                }
            }
        }
    }

    /// <summary>Only <c>{{ value }}</c>, <c>{{ code }}</c> and <c>{{ value_json.key }}</c>, inside literal text (single braces allowed).</summary>
    [GeneratedRegex(@"^(\{\{ (value|code|value_json\.[a-z0-9_]+) \}\}|\{(?!\{)|\}(?!\})|[^{}])*$")]
    private static partial Regex AllowedTemplate();

    [GeneratedRegex(@"\{\{ value_json\.([a-z0-9_]+) \}\}")]
    private static partial Regex ValueJsonKey();
}
