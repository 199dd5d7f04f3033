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
        string[] commandTopics = ["edgeai/fuzz/porch_light/set"];
        var levels = new List<PinValue>();
        node.Board.OutputChanged += (_, level) => levels.Add(level);

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

        using var deadline = new CancellationTokenSource(Patience);
        while (hub.Messages.Count(m => m.Topic == "edgeai/fuzz/porch_light/error") < payloads.Count * commandTopics.Length)
        {
            await Task.Delay(50, deadline.Token);
        }

        client.Dispose();
        Assert.Equal(payloads.Count * commandTopics.Length, hub.Messages.Count(m => m.Topic == "edgeai/fuzz/porch_light/error"));
        Assert.Empty(levels);
        Assert.Equal(PinValue.Low, node.Board.PeekLevel(17));

        // Still alive and obeying after the storm.
        await hub.PublishAsync("edgeai/fuzz/porch_light/set", "ON");
        await hub.WaitForAsync(m => m.Topic == "edgeai/fuzz/porch_light/state" && m.Payload == "ON", TimeSpan.FromSeconds(10));
    }

    private static byte[] Hostile(Random random, int i) => (i % 10) switch
    {
        0 => [0xC3, 0x28, (byte)random.Next(256)],                                  // invalid UTF-8
        1 => Encoding.UTF8.GetBytes(new string('A', random.Next(1025, 64 * 1024))),  // huge
        2 => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", random.Next(2, 200))) + "1" + new string('}', 1)), // nested, broken
        3 => Encoding.UTF8.GetBytes(Pick(random, "NaN", "Infinity", "-0", "1e999", "null", "true")),
        4 => Encoding.UTF8.GetBytes(Pick(random, "#", "+", "ON#", "edgeai/+/set", "ON/", "\0ON")),
        5 => Encoding.UTF8.GetBytes(Pick(random, "on", "On", "ON ", " OFF", "OFF\n", "ONN", "\"ON\"")),
        6 => Encoding.UTF8.GetBytes($$"""{"state":"ON","brightness":{{random.Next()}}}"""),
        7 => [],
        8 => RandomBytes(random),
        _ => Encoding.UTF8.GetBytes(new string((char)random.Next(0x2600, 0x2700), random.Next(1, 20))),
    };

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 300)];
        random.NextBytes(bytes);
        return bytes;
    }
}
