namespace EdgeAi.EdgeHost.Mqtt;

/// <summary>How the node reaches its broker (configuration section <c>Mqtt</c>).</summary>
public sealed class MqttOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Mqtt";

    /// <summary>
    /// An external broker as <c>mqtt://[user:password@]host:port</c> or <c>mqtts://...</c>. When empty the node
    /// starts its embedded broker on 127.0.0.1:<see cref="EmbeddedPort"/> and connects to that.
    /// </summary>
    public string? Broker { get; set; }

    /// <summary>TCP port of the embedded broker (1 to 65535).</summary>
    public int EmbeddedPort { get; set; } = 1883;

    /// <summary>First segment of every node topic: <c>&lt;BaseTopic&gt;/&lt;node-id&gt;/...</c>.</summary>
    public string BaseTopic { get; set; } = "edgeai";

    /// <summary>Home Assistant's discovery prefix.</summary>
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>MQTT keep-alive in seconds (5 to 3600); the broker sends the last will after 1.5 times this.</summary>
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>Longest wait between reconnect attempts, in seconds (1 to 600).</summary>
    public int MaxReconnectDelaySeconds { get; set; } = 30;
}
