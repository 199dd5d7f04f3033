using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using EdgeAi.Devices.Simulation;
using EdgeAi.EdgeHost.Benchmarks;
using EdgeAi.EdgeHost.Hosting;
using EdgeAi.EdgeHost.Mqtt;
using EdgeAi.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

// Command round trip: a hub publishes ON/OFF (QoS 1) to the light's /set on mosquitto, the node validates it,
// drives the simulated pin and publishes the state, and the hub receives it. Two broker hops plus the node.
var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var roundTrips = numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 5000;
var messages = numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 100_000;
const int Window = 100;

Console.WriteLine($"machine: {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {CpuModel()}, .NET {Environment.Version}");
await using var mosquitto = await Mosquitto.StartAsync();
var data = Directory.CreateTempSubdirectory("edgeai-bench-").FullName;
// The node alone, on the simulated board with one light: the demo house's world would add its own work to every
// relay change (it persists the house on each one), which a real board does not have. "--demo-house" measures that.
var demoHouse = args.Contains("--demo-house");
var manifest = Path.Combine(data, "bench.json");
await File.WriteAllTextAsync(manifest, """{ "Board": { "Name": "raspberry-pi-4" }, "Devices": [ { "Kind": "light", "Id": "porch_light", "Name": "Porch light", "Pin": 17 } ] }""");
var settings = new NodeHostSettings { Mode = NodeMode.Simulate, SimulatedGpio = new SimulatedGpioDriver(), ConfigFile = demoHouse ? null : manifest };
settings.Overrides["Node:NodeId"] = "bench";
settings.Overrides["Node:DataDirectory"] = data;
settings.Overrides["Mqtt:Broker"] = mosquitto.Uri;
settings.Overrides["Health:Port"] = "0";
settings.Overrides["Logging:LogLevel:Default"] = "Warning";
var node = NodeHost.Create(settings);
await node.StartAsync();

var factory = new MqttClientFactory();
using var hub = factory.CreateMqttClient();
TaskCompletionSource<string>? pending = null;
var online = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
hub.ApplicationMessageReceivedAsync += e =>
{
    var payload = e.ApplicationMessage.ConvertPayloadToString();
    if (e.ApplicationMessage.Topic == "edgeai/bench/status" && payload == "online")
    {
        online.TrySetResult();
    }
    else if (e.ApplicationMessage.Topic == "edgeai/bench/porch_light/state")
    {
        pending?.TrySetResult(payload);
    }

    return Task.CompletedTask;
};
await hub.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosquitto.Port).WithClientId("bench-hub").Build());
await hub.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
    .WithTopicFilter(f => f.WithTopic("edgeai/bench/status").WithAtLeastOnceQoS())
    .WithTopicFilter(f => f.WithTopic("edgeai/bench/porch_light/state").WithAtLeastOnceQoS())
    .Build());
await online.Task.WaitAsync(TimeSpan.FromSeconds(10));

var histogram = new LatencyHistogram(roundTrips);
for (var i = 0; i < 500 + roundTrips; i++)
{
    var want = i % 2 == 0 ? "ON" : "OFF";
    pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
    var start = Stopwatch.GetTimestamp();
    await hub.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("edgeai/bench/porch_light/set").WithPayload(want)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
    var got = await pending.Task.WaitAsync(TimeSpan.FromSeconds(5));
    var elapsed = Stopwatch.GetTimestamp() - start;
    if (got != want)
    {
        throw new InvalidOperationException($"round trip {i}: expected {want}, got {got}");
    }

    if (i >= 500)
    {
        histogram.Add(elapsed);
    }
}

Console.WriteLine($"command round trip (QoS 1, mosquitto on loopback, {(demoHouse ? "demo house world" : "node on the simulated board")}): {histogram.Summary()}");
await node.StopAsync();
node.Dispose();

// State publishing: the node's own MqttConnection publishing retained QoS 1 states with at most {Window}
// unacknowledged (flow control), while a subscriber counts what mosquitto delivered. Without a window a
// publisher overruns mosquitto's default queue of 1000 in-flight messages and mosquitto drops the rest.
var topics = new TopicLayout("edgeai", "bench2", "homeassistant");
var address = new BrokerAddress("127.0.0.1", mosquitto.Port, false, null, null);
using var publisher = new MqttConnection(Options.Create(new MqttOptions()), address, new BrokerLogin(null, null), topics, NullLogger<MqttConnection>.Instance);
await publisher.ConnectAsync();
using var counter = factory.CreateMqttClient();
var received = 0;
var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
counter.ApplicationMessageReceivedAsync += _ =>
{
    if (Interlocked.Increment(ref received) == messages)
    {
        allReceived.TrySetResult();
    }

    return Task.CompletedTask;
};
await counter.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosquitto.Port).WithClientId("bench-counter").Build());
await counter.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic("edgeai/bench2/#").WithAtLeastOnceQoS()).Build());

using var window = new SemaphoreSlim(Window);
var inFlight = new List<Task>(messages);
var clock = Stopwatch.StartNew();
for (var i = 0; i < messages; i++)
{
    await window.WaitAsync();
    inFlight.Add(Publish(i));
}

await Task.WhenAll(inFlight);
var published = clock.Elapsed;
await allReceived.Task.WaitAsync(TimeSpan.FromSeconds(60));
var delivered = clock.Elapsed;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"state publishing (QoS 1, retained, window {Window}, 100 entities): {messages} acknowledged in {published.TotalSeconds:F2} s = {messages / published.TotalSeconds:F0} msg/s; {received} delivered to a subscriber in {delivered.TotalSeconds:F2} s"));
Directory.Delete(data, recursive: true);

async Task Publish(int i)
{
    try
    {
        await publisher.PublishAsync(topics.State($"entity_{i % 100}"), (i % 1000).ToString(CultureInfo.InvariantCulture), retain: true);
    }
    finally
    {
        window.Release();
    }
}

static string CpuModel()
{
    var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
    return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
}
