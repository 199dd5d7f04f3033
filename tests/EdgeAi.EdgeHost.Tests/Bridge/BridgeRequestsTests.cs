using System.Text.Json;
using EdgeAi.EdgeHost.Bridge;
using EdgeAi.EdgeHost.Mqtt;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;

namespace EdgeAi.EdgeHost.Tests.Bridge;

public sealed class BridgeRequestsTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly TopicLayout _topics = new("edgeai", "n1", "homeassistant");
    private int _restarts;
    private bool _connected = true;

    [Fact]
    public void HealthCheck_WithTransaction_AnswersOkAndEchoesTransaction()
    {
        var requests = Create();
        _time.Advance(TimeSpan.FromSeconds(90));

        var response = requests.TryHandle(Message("edgeai/n1/bridge/request/health_check", """{"transaction":"abc"}"""));

        Assert.NotNull(response);
        Assert.Equal("edgeai/n1/bridge/response/health_check", response.Value.Topic);
        using var json = JsonDocument.Parse(response.Value.Payload);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("data").GetProperty("healthy").GetBoolean());
        Assert.Equal(90, json.RootElement.GetProperty("data").GetProperty("uptime_seconds").GetDouble());
        Assert.Equal("abc", json.RootElement.GetProperty("transaction").GetString());
    }

    [Fact]
    public void HealthCheck_Disconnected_ReportsUnhealthy()
    {
        _connected = false;
        var response = Create().TryHandle(Message("edgeai/n1/bridge/request/health_check", ""));

        using var json = JsonDocument.Parse(response!.Value.Payload);
        Assert.False(json.RootElement.GetProperty("data").GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public void RestartDiscovery_TriggersReannounce()
    {
        var response = Create().TryHandle(Message("edgeai/n1/bridge/request/restart_discovery", """{"transaction":7}"""));

        Assert.Equal(1, _restarts);
        using var json = JsonDocument.Parse(response!.Value.Payload);
        Assert.Equal(7, json.RootElement.GetProperty("transaction").GetInt32());
    }

    [Theory]
    [InlineData("edgeai/n1/bridge/request/format_disk", "", "unknown request")]
    [InlineData("edgeai/n1/bridge/request/health_check", "{", "not valid JSON")]
    [InlineData("edgeai/n1/bridge/request/health_check", """{"transaction":"t","x":1}""", "unknown field")]
    [InlineData("edgeai/n1/bridge/request/health_check", """{"transaction":{"a":1}}""", "'transaction'")]
    [InlineData("edgeai/n1/bridge/request/health_check", "[]", "JSON object")]
    public void BadRequest_AnswersErrorAndDoesNothing(string topic, string payload, string expected)
    {
        var response = Create().TryHandle(Message(topic, payload));

        using var json = JsonDocument.Parse(response!.Value.Payload);
        Assert.Equal("error", json.RootElement.GetProperty("status").GetString());
        Assert.Contains(expected, json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _restarts);
    }

    [Fact]
    public void RetainedRequest_IsIgnored()
    {
        var response = Create().TryHandle(Message("edgeai/n1/bridge/request/restart_discovery", "", retain: true));

        Assert.Null(response);
        Assert.Equal(0, _restarts);
    }

    [Fact]
    public void OtherTopic_IsNotARequest()
    {
        Assert.Null(Create().TryHandle(Message("edgeai/n1/porch/set", "ON")));
    }

    private BridgeRequests Create() => new(_topics, _time, () => _connected, () => _restarts++);

    private static MqttApplicationMessage Message(string topic, string payload, bool retain = false) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain).Build();
}
