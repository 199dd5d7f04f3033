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

    /// <summary>
    /// Address the embedded broker listens on: 127.0.0.1 by default, so nothing off the machine reaches it. Set it to
    /// a LAN address (or 0.0.0.0) for a hub on another machine; clients always need credentials.
    /// </summary>
    public string EmbeddedListenAddress { get; set; } = "127.0.0.1";

    /// <summary>When set, the embedded broker also listens with TLS on this port.</summary>
    public int? EmbeddedTlsPort { get; set; }

    /// <summary>PEM certificate (chain) of the embedded broker's TLS listener.</summary>
    public string? EmbeddedTlsCertificateFile { get; set; }

    /// <summary>PEM private key of the embedded broker's TLS listener.</summary>
    public string? EmbeddedTlsKeyFile { get; set; }

    /// <summary>User name for an external broker (overrides the one in <see cref="Broker"/>).</summary>
    public string? UserName { get; set; }

    /// <summary>A file holding the external broker password (first line), so the password stays out of the config.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>PEM CA certificate(s) that sign an external <c>mqtts://</c> broker's certificate; without it the system store decides.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM client certificate for an external <c>mqtts://</c> broker that requires one.</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="ClientCertificateFile"/>.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>First segment of every node topic: <c>&lt;BaseTopic&gt;/&lt;node-id&gt;/...</c>.</summary>
    public string BaseTopic { get; set; } = "edgeai";

    /// <summary>Home Assistant's discovery prefix.</summary>
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>MQTT keep-alive in seconds (5 to 3600); the broker sends the last will after 1.5 times this.</summary>
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>Longest wait between reconnect attempts, in seconds (1 to 600).</summary>
    public int MaxReconnectDelaySeconds { get; set; } = 30;
}
