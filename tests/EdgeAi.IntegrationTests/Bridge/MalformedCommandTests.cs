using EdgeAi.Testing;
using System.Device.Gpio;
using System.Text;
using EdgeAi.IntegrationTests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeAi.IntegrationTests.Bridge;

/// <summary>A thousand hostile payloads on every command topic: no crash, no actuation, each one answered.</summary>
public sealed class MalformedCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ThousandMalformedPayloads_NoActuationAndEveryOneAnswered()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using var node = await InProcessNode.StartAsync("fuzz", broker: mosquitto.Uri);
        await using var hub = await HubClient.ConnectAsync(mosquitto.Port);
        await hub.SubscribeAsync("edgeai/fuzz/#");
        await hub.WaitForAsync(m => m.Topic == "edgeai/fuzz/status" && m.Payload == "online", Patience);
        // Every command topic of the demo house, as its discovery documents name them.
        await hub.SubscribeAsync("homeassistant/+/fuzz/+/config");
        await hub.WaitForAsync(m => m.Topic == "homeassistant/climate/fuzz/living_thermostat/config", Patience);
        var commandTopics = hub.Messages.Where(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal))
            .SelectMany(m => CommandTopics(m.Payload)).Distinct().Order().ToList();
        Assert.Equal(
            ["edgeai/fuzz/front_door/set", "edgeai/fuzz/living_light/brightness/set", "edgeai/fuzz/living_light/set",
             "edgeai/fuzz/living_thermostat/mode/set", "edgeai/fuzz/living_thermostat/target/set", "edgeai/fuzz/porch_light/set",
             "edgeai/fuzz/streetlight/brightness/set", "edgeai/fuzz/streetlight/set"],
            commandTopics);
        var before = hub.Messages.Where(m => m.Topic.StartsWith("edgeai/fuzz/", StringComparison.Ordinal) && m.Retain && !m.Topic.EndsWith("/health/state", StringComparison.Ordinal))
            .GroupBy(m => m.Topic).ToDictionary(g => g.Key, g => g.Last().Payload);
        var levels = new List<(int Pin, PinValue Level)>();
        node.Board.OutputChanged += (pin, level) => levels.Add((pin, level));

        var random = new Random(20261123);
        var payloads = Enumerable.Range(0, 1000).Select(i => Hostile(random, i)).ToList();
        Assert.DoesNotContain(payloads, p => p.AsSpan().SequenceEqual("ON"u8) || p.AsSpan().SequenceEqual("OFF"u8));
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosquitto.Port).WithClientId("fuzzer").Build());
        foreach (var topic in commandTopics)
        {
            foreach (var payload in payloads)
            {
                await client.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build());
            }
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        while (hub.Messages.Count(m => m.Topic.EndsWith("/error", StringComparison.Ordinal)) < payloads.Count * commandTopics.Count)
        {
            await Task.Delay(50, deadline.Token);
        }

        client.Dispose();
        foreach (var entity in commandTopics.Select(t => t.Split('/')[2]).Distinct())
        {
            var expected = payloads.Count * commandTopics.Count(t => t.Split('/')[2] == entity);
            Assert.Equal(expected, hub.Messages.Count(m => m.Topic == $"edgeai/fuzz/{entity}/error"));
        }

        Assert.Empty(levels);
        Assert.Equal(PinValue.Low, node.Board.PeekLevel(17));
        Assert.Equal(PinValue.High, node.Board.PeekLevel(23)); // the bolt stays thrown
        foreach (var (topic, payload) in before.Where(b => !b.Key.Contains("living_", StringComparison.Ordinal) || b.Key.Contains("living_light", StringComparison.Ordinal) || b.Key.Contains("living_thermostat/mode", StringComparison.Ordinal) || b.Key.Contains("living_thermostat/target", StringComparison.Ordinal)))
        {
            // Every actuator state is as it was: nothing moved.
            Assert.Equal(payload, hub.Messages.Where(m => m.Topic == topic).Last().Payload);
        }

        // Still alive and obeying after the storm.
        await hub.PublishAsync("edgeai/fuzz/porch_light/set", "ON");
        await hub.WaitForAsync(m => m.Topic == "edgeai/fuzz/porch_light/state" && m.Payload == "ON", TimeSpan.FromSeconds(10));
    }

    private static byte[] Hostile(Random random, int i) => (i % 10) switch
    {
        0 => [0xC3, 0x28, (byte)random.Next(256)],                                  // invalid UTF-8
        1 => Encoding.UTF8.GetBytes(new string('A', random.Next(1025, 64 * 1024))),  // huge
        2 => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", random.Next(2, 200))) + "1" + new string('}', 1)), // nested, broken
        3 => Encoding.UTF8.GetBytes(Pick(random, "NaN", "Infinity", "-1", "1e999", "null", "true", "101", "30.5e9")),
        4 => Encoding.UTF8.GetBytes(Pick(random, "#", "+", "ON#", "edgeai/+/set", "ON/", "\0ON")),
        5 => Encoding.UTF8.GetBytes(Pick(random, "on", "On", "ON ", " OFF", "OFF\n", "ONN", "\"ON\"")),
        6 => Encoding.UTF8.GetBytes($$"""{"state":"ON","brightness":{{random.Next()}}}"""),
        7 => [],
        8 => RandomBytes(random),                                                     // never a bare number: see RandomBytes
        _ => Encoding.UTF8.GetBytes(new string((char)random.Next(0x2600, 0x2700), random.Next(1, 20))),
    };

    private static List<string> CommandTopics(string discovery)
    {
        using var json = System.Text.Json.JsonDocument.Parse(discovery);
        return json.RootElement.EnumerateObject()
            .Where(p => p.Name.EndsWith("command_topic", StringComparison.Ordinal))
            .Select(p => p.Value.GetString()!)
            .ToList();
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static byte[] RandomBytes(Random random)
    {
        // At least two bytes with a high bit set somewhere, so no draw is a valid word or number by chance.
        var bytes = new byte[random.Next(2, 300)];
        random.NextBytes(bytes);
        bytes[0] |= 0x80;
        return bytes;
    }
}
