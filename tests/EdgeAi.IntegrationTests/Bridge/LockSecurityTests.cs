using System.Device.Gpio;
using System.Text.Json;
using EdgeAi.EdgeHost.Locks;
using EdgeAi.IntegrationTests.Infrastructure;
using EdgeAi.Testing;

namespace EdgeAi.IntegrationTests.Bridge;

/// <summary>
/// The demo house's front door over a real mosquitto, as an intruder and as its owner see it. The bolt relay is
/// GPIO23 (energised = thrown); the house starts LOCKED.
/// </summary>
public sealed class LockSecurityTests : IAsyncLifetime
{
    private const string Code = "4829";
    private const int BoltRelay = 23;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private Mosquitto _mosquitto = null!;

    public async Task InitializeAsync() => _mosquitto = await Mosquitto.StartAsync();

    public async Task DisposeAsync() => await _mosquitto.DisposeAsync();

    [Fact]
    public async Task RetainedUnlockWithValidCode_LeftBeforeStart_DoesNotMoveTheLock()
    {
        await using (var stale = await HubClient.ConnectAsync(_mosquitto.Port, "stale"))
        {
            await stale.PublishAsync("edgeai/house/front_door/set", $$"""{"action":"UNLOCK","code":"{{Code}}"}""", retain: true);
        }

        await using var node = await StartNodeAsync();
        await using var hub = await OnlineHubAsync();
        await hub.PublishAsync("edgeai/house/bridge/request/health_check", "");
        await hub.WaitForAsync(m => m.Topic == "edgeai/house/bridge/response/health_check", Patience);

        Assert.Equal(PinValue.High, node.Board.PeekLevel(BoltRelay));
        Assert.Equal("LOCKED", (await hub.WaitForAsync(m => m.Topic == "edgeai/house/front_door/state", Patience)).Payload);
        Assert.Empty(new LockAuditLog(node.DataDirectory).ReadLines());
    }

    [Theory]
    [InlineData("""{"action":"UNLOCK","code":"0000"}""", "wrong code", "wrong_code")]
    [InlineData("""{"action":"UNLOCK"}""", "4 to 8 digits", "malformed")]
    [InlineData("""{"action":"UNLOCK","code":"12"}""", "4 to 8 digits", "malformed")]
    [InlineData("""{"action":"UNLOCK","code":"48a9"}""", "4 to 8 digits", "malformed")]
    public async Task Unlock_WithoutTheRightCode_StaysLockedAndSaysWhy(string payload, string reason, string audited)
    {
        await using var node = await StartNodeAsync();
        await using var hub = await OnlineHubAsync();

        await hub.PublishAsync("edgeai/house/front_door/set", payload);

        var error = await hub.WaitForAsync(m => m.Topic == "edgeai/house/front_door/error", Patience);
        Assert.Contains(reason, error.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain(Code, error.Payload, StringComparison.Ordinal);
        Assert.Equal(PinValue.High, node.Board.PeekLevel(BoltRelay));
        var record = Assert.Single(new LockAuditLog(node.DataDirectory).ReadLines());
        using var json = JsonDocument.Parse(record);
        Assert.Equal(audited, json.RootElement.GetProperty("result").GetString());
        Assert.Equal("UNLOCK", json.RootElement.GetProperty("action").GetString());
        Assert.Equal("unknown", json.RootElement.GetProperty("source").GetString()); // mosquitto does not say who published
    }

    [Fact]
    public async Task Unlock_NoCodeConfigured_RefusedWithHowToSetOne()
    {
        await using var node = await StartNodeAsync(setCode: false);
        await using var hub = await OnlineHubAsync();

        await hub.PublishAsync("edgeai/house/front_door/set", $$"""{"action":"UNLOCK","code":"{{Code}}"}""");

        var error = await hub.WaitForAsync(m => m.Topic == "edgeai/house/front_door/error", Patience);
        Assert.Contains("edgeai lock set-code front_door", error.Payload, StringComparison.Ordinal);
        Assert.Equal(PinValue.High, node.Board.PeekLevel(BoltRelay));
    }

    [Fact]
    public async Task FiveWrongCodes_LockOut_AndTheRightCodeIsRefusedDuringTheLockout()
    {
        await using var node = await StartNodeAsync();
        await using var hub = await OnlineHubAsync();
        for (var i = 0; i < LockCodeVerifier.MaxFailures; i++)
        {
            await hub.PublishAsync("edgeai/house/front_door/set", """{"action":"UNLOCK","code":"1111"}""");
        }

        await hub.PublishAsync("edgeai/house/front_door/set", $$"""{"action":"UNLOCK","code":"{{Code}}"}""");

        var lockout = await hub.WaitForAsync(m => m.Topic == "edgeai/house/front_door/error" && m.Payload.Contains("too many wrong codes", StringComparison.Ordinal), Patience);
        Assert.NotNull(lockout);
        Assert.Equal(PinValue.High, node.Board.PeekLevel(BoltRelay));
        var results = new LockAuditLog(node.DataDirectory).ReadLines().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("result").GetString()).ToList();
        Assert.Equal([.. Enumerable.Repeat("wrong_code", LockCodeVerifier.MaxFailures), "locked_out"], results);
    }

    [Fact]
    public async Task Unlock_WithTheRightCode_MovesTheBoltAndReportsUnlocked()
    {
        await using var node = await StartNodeAsync();
        await using var hub = await OnlineHubAsync();

        await hub.PublishAsync("edgeai/house/front_door/set", $$"""{"action":"UNLOCK","code":"{{Code}}"}""");

        await hub.WaitForAsync(m => m.Topic == "edgeai/house/front_door/state" && m.Payload == "UNLOCKED", Patience);
        Assert.Equal(PinValue.Low, node.Board.PeekLevel(BoltRelay));
        Assert.Contains("\"accepted\"", Assert.Single(new LockAuditLog(node.DataDirectory).ReadLines()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_Lock_CarriesCodeFormatAndCommandTemplate()
    {
        await using var node = await StartNodeAsync();
        await using var hub = await OnlineHubAsync();
        await hub.SubscribeAsync("homeassistant/lock/house/front_door/config");

        var config = await hub.WaitForAsync(m => m.Topic == "homeassistant/lock/house/front_door/config", Patience);

        using var json = JsonDocument.Parse(config.Payload);
        Assert.Equal(@"^\d{4,8}$", json.RootElement.GetProperty("code_format").GetString());
        Assert.Equal("""{"action":"{{ value }}","code":"{{ code }}"}""", json.RootElement.GetProperty("command_template").GetString());
        Assert.False(json.RootElement.TryGetProperty("payload_open", out _));
    }

    private Task<InProcessNode> StartNodeAsync(bool setCode = true) =>
        InProcessNode.StartAsync("house", broker: _mosquitto.Uri, prepareDataDirectory: dir =>
        {
            if (setCode)
            {
                new LockCodeStore(dir, iterations: 1000).Set("front_door", Code);
            }
        });

    private async Task<HubClient> OnlineHubAsync()
    {
        var hub = await HubClient.ConnectAsync(_mosquitto.Port);
        await hub.SubscribeAsync("edgeai/house/#");
        await hub.WaitForAsync(m => m.Topic == "edgeai/house/status" && m.Payload == "online", Patience);
        return hub;
    }
}
