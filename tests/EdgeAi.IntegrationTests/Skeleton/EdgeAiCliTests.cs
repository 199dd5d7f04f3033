using EdgeAi.Testing;
using EdgeAi.IntegrationTests.Infrastructure;

namespace EdgeAi.IntegrationTests.Skeleton;

/// <summary>The real <c>edgeai</c> executable, started the way a user or systemd starts it.</summary>
public sealed class EdgeAiCliTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("edgeai-cli-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Simulate_AgainstMosquitto_ServesUntilSigtermThenPublishesOffline()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using var node = EdgeAiProcess.Start("simulate", "--broker", mosquitto.Uri, "--node-id", "demo", "--data-dir", _dataDirectory);
        await using var hub = await HubClient.ConnectAsync(mosquitto.Port);
        await hub.SubscribeAsync("homeassistant/light/demo/+/config", "edgeai/demo/#");

        await hub.WaitForAsync(m => m.Topic == "edgeai/demo/status" && m.Payload == "online", Patience);
        await hub.WaitForAsync(m => m.Topic.StartsWith("homeassistant/light/demo/", StringComparison.Ordinal), Patience);
        await hub.WaitForAsync(m => m.Topic == "edgeai/demo/porch_light/state" && m.Payload == "OFF", Patience);
        await hub.PublishAsync("edgeai/demo/porch_light/set", "ON");
        await hub.WaitForAsync(m => m.Topic == "edgeai/demo/porch_light/state" && m.Payload == "ON", Patience);

        hub.Clear();
        node.Terminate();

        Assert.Equal(0, await node.WaitForExitAsync(Patience));
        var offline = await hub.WaitForAsync(m => m.Topic == "edgeai/demo/status", Patience);
        Assert.Equal("offline", offline.Payload);

        // What a hub connecting later finds: retained "offline", published on the way out (not the last will).
        await using var late = await HubClient.ConnectAsync(mosquitto.Port, "late-hub");
        await late.SubscribeAsync("edgeai/demo/status");
        var retained = await late.WaitForAsync(m => m.Retain, Patience);
        Assert.Equal("offline", retained.Payload);
    }

    [Theory]
    [InlineData("--mqtt-port", "70000", "Mqtt:EmbeddedPort")]
    [InlineData("--node-id", "not a topic segment", "Node:NodeId")]
    [InlineData("--broker", "http://example.invalid:1883", "Mqtt:Broker")]
    public async Task Simulate_ConfigValueOutOfRange_ExitsNonZeroNamingTheKey(string option, string value, string key)
    {
        await using var node = EdgeAiProcess.Start("simulate", option, value, "--data-dir", _dataDirectory);

        var exitCode = await node.WaitForExitAsync(Patience);

        Assert.Equal(2, exitCode);
        Assert.Contains(key, node.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_ManifestPinOutOfRange_ExitsNonZeroNamingTheKey()
    {
        var config = Path.Combine(_dataDirectory, "bad.json");
        await File.WriteAllTextAsync(config, """{ "Devices": [ { "Kind": "light", "Id": "hall", "Name": "Hall", "Pin": 99 } ] }""");
        await using var node = EdgeAiProcess.Start("simulate", "--config", config, "--data-dir", _dataDirectory, "--mqtt-port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, await node.WaitForExitAsync(Patience));
        Assert.Contains("Devices:0:Pin", node.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        await using var edgeai = EdgeAiProcess.Start("--version");

        Assert.Equal(0, await edgeai.WaitForExitAsync(Patience));
        Assert.Matches(@"^\d+\.\d+\.\d+", edgeai.StandardOutput);
    }

    [Fact]
    public async Task CheckConfig_PinConflict_ExitsNonZeroNamingBothDevicesAndThePin()
    {
        var config = Path.Combine(_dataDirectory, "conflict.json");
        await File.WriteAllTextAsync(config, """
            { "Board": { "Name": "raspberry-pi-4" },
              "Devices": [
                { "Kind": "light", "Id": "porch_light", "Name": "Porch", "Header": 11 },
                { "Kind": "motion", "Id": "hall_motion", "Name": "Hall", "Pin": 17 } ] }
            """);
        await using var check = EdgeAiProcess.Start("check-config", config);

        Assert.Equal(2, await check.WaitForExitAsync(Patience));
        Assert.Contains("GPIO17 (header pin 11) is used by both light 'porch_light'", check.StandardError, StringComparison.Ordinal);
        Assert.Contains("motion 'hall_motion'", check.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_DemoHouse_IsValid()
    {
        var demo = Path.Combine(Path.GetDirectoryName(EdgeAiProcess.AssemblyPath)!, "..", "..", "..", "..", "..", "hardware", "manifests", "demo-house.json");
        await using var check = EdgeAiProcess.Start("check-config", Path.GetFullPath(demo));

        Assert.Equal(0, await check.WaitForExitAsync(Patience));
        Assert.Contains("front_door (lock): bolt GPIO23 (header pin 16)", check.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockSetCode_FromStdin_StoresOnlyASaltedHash()
    {
        await using var set = EdgeAiProcess.Start("lock", "set-code", "front_door", "--data-dir", _dataDirectory);
        await set.WriteInputAsync("482913\n");

        Assert.Equal(0, await set.WaitForExitAsync(Patience));
        var stored = await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "lock-codes.json"));
        Assert.Contains("front_door", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("482913", stored, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dataDirectory, "lock-codes.json")));
    }

    [Theory]
    [InlineData("front_door", "12ab\n", "4 to 8 digits")]
    [InlineData("back_door", "4829\n", "no lock 'back_door'")]
    public async Task LockSetCode_BadInput_ExitsNonZeroAndStoresNothing(string entity, string input, string expected)
    {
        await using var set = EdgeAiProcess.Start("lock", "set-code", entity, "--data-dir", _dataDirectory);
        await set.WriteInputAsync(input);

        Assert.Equal(2, await set.WaitForExitAsync(Patience));
        Assert.Contains(expected, set.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "lock-codes.json")));
    }

    [Fact]
    public async Task Simulate_DemoHouseAtMaxSpeed_StatesFollowTheSimulatedDay()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        await using var hub = await HubClient.ConnectAsync(mosquitto.Port);
        await hub.SubscribeAsync("edgeai/day/#");

        // From the house's first midnight to noon: dawn comes at 07:45, the streetlight's night ends at 07:30.
        await using var node = EdgeAiProcess.Start("simulate", "--broker", mosquitto.Uri, "--node-id", "day", "--data-dir", _dataDirectory,
            "--time-scale", "max", "--duration", "12h");

        Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromMinutes(3)));
        var modes = hub.Messages.Where(m => m.Topic == "edgeai/day/streetlight/mode").Select(m => m.Payload).Distinct().ToList();
        var lux = hub.Messages.Where(m => m.Topic == "edgeai/day/living_lux/state")
            .Select(m => System.Text.Json.JsonDocument.Parse(m.Payload).RootElement.GetProperty("illuminance").GetDouble()).ToList();
        Assert.Contains("night", modes);
        Assert.Contains("day", modes);
        Assert.True(lux.Min() < 5, $"darkest reading {lux.Min()} lx");
        Assert.True(lux.Max() > 1000, $"brightest reading {lux.Max()} lx");
        Assert.Contains(hub.Messages, m => m.Topic == "edgeai/day/status" && m.Payload == "offline");
    }
}
