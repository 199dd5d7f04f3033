using EdgeAi.EdgeHost.Health;

namespace EdgeAi.EdgeHost.Tests.Health;

public sealed class ReadinessTests
{
    [Fact]
    public void Reasons_EverythingUp_IsEmpty()
    {
        Assert.Empty(Readiness.Reasons(mqttConnected: true, devicesStarted: true, modelsLoaded: true));
    }

    [Fact]
    public void Reasons_MqttDown_NamesMqttOnly()
    {
        var reasons = Readiness.Reasons(mqttConnected: false, devicesStarted: true, modelsLoaded: true);

        Assert.Equal(["mqtt: not connected to the broker"], reasons);
    }

    [Fact]
    public void Reasons_NothingUp_ListsEachCause()
    {
        var reasons = Readiness.Reasons(mqttConnected: false, devicesStarted: false, modelsLoaded: false);

        Assert.Equal(3, reasons.Count);
        Assert.Contains(reasons, r => r.StartsWith("devices:", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("models:", StringComparison.Ordinal));
    }
}
