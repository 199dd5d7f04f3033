namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>deploy/mosquitto (the home broker configuration and ACL) on a real mosquitto, over TLS.</summary>
public sealed class MosquittoConfigTests : IAsyncLifetime
{
    private SecuredMosquitto _broker = null!;

    public async Task InitializeAsync() => _broker = await SecuredMosquitto.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Broker_AnonymousOnLoopbackOrWrongPasswordOverTls_IsRefused()
    {
        var anonymous = await Command.RunAsync("mosquitto_pub", ["-h", "127.0.0.1", "-p", _broker.PlainPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "edgeai/x/status", "-m", "online"], TimeSpan.FromSeconds(30));
        var wrongPassword = await _broker.PublishRetainedAsync("kitchen", "not-the-password", "edgeai/kitchen/status", "online");
        var right = await _broker.PublishRetainedAsync("kitchen", SecuredMosquitto.NodePassword, "edgeai/kitchen/status", "online");

        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.Contains("not authorised", anonymous.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, wrongPassword.ExitCode);
        Assert.True(right.ExitCode == 0, right.ToString());
    }

    [Fact]
    public async Task Node_PublishesOutsideItsOwnSubtree_BrokerDropsIt()
    {
        await _broker.PublishRetainedAsync("kitchen", SecuredMosquitto.NodePassword, "edgeai/porch/light/state", "forged");
        await _broker.PublishRetainedAsync("kitchen", SecuredMosquitto.NodePassword, "homeassistant/light/porch/light/config", "forged");
        await _broker.PublishRetainedAsync("kitchen", SecuredMosquitto.NodePassword, "edgeai/kitchen/light/state", "ON");
        await _broker.PublishRetainedAsync("kitchen", SecuredMosquitto.NodePassword, "homeassistant/light/kitchen/light/config", "{}");

        var seen = await _broker.RetainedVisibleToAsync("homeassistant", SecuredMosquitto.HomeAssistantPassword);

        Assert.Contains("edgeai/kitchen/light/state ON", seen, StringComparison.Ordinal);
        Assert.Contains("homeassistant/light/kitchen/light/config {}", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("forged", seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_Subscribing_ReadsOnlyItsOwnCommandsAndHomeAssistantStatus()
    {
        await _broker.PublishRetainedAsync("homeassistant", SecuredMosquitto.HomeAssistantPassword, "edgeai/kitchen/light/set", "ON");
        await _broker.PublishRetainedAsync("homeassistant", SecuredMosquitto.HomeAssistantPassword, "edgeai/kitchen/thermostat/target/set", "21");
        await _broker.PublishRetainedAsync("homeassistant", SecuredMosquitto.HomeAssistantPassword, "edgeai/porch/light/set", "OFF");
        await _broker.PublishRetainedAsync("homeassistant", SecuredMosquitto.HomeAssistantPassword, "edgeai/porch/light/state", "OFF");
        await _broker.PublishRetainedAsync("homeassistant", SecuredMosquitto.HomeAssistantPassword, "homeassistant/status", "online");

        var seen = (await _broker.RetainedVisibleToAsync("kitchen", SecuredMosquitto.NodePassword))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["edgeai/kitchen/light/set ON", "edgeai/kitchen/thermostat/target/set 21", "homeassistant/status online"],
            seen);
    }
}
