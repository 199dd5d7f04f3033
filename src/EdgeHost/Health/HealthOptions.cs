namespace EdgeAi.EdgeHost.Health;

/// <summary>The node's operational HTTP endpoints: <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> (configuration section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Health";

    /// <summary>The default port: 9464 is the port the Prometheus port registry lists for OpenTelemetry's Prometheus exporter.</summary>
    public const int DefaultPort = 9464;

    /// <summary>Whether the endpoints are served at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>TCP port (1 to 65535; 0 lets the system pick a free one, for tests).</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Address to listen on: loopback by default, so nothing off the machine reaches the endpoints.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";
}
