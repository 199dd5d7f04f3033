using Microsoft.Extensions.Logging;

namespace EdgeAi.EdgeHost.Mqtt;

/// <summary>MQTT log messages; event ids 2000–2099.</summary>
internal static partial class MqttLog
{
    [LoggerMessage(2000, LogLevel.Information, "Connected to MQTT broker {Broker} as {ClientId}")]
    public static partial void Connected(ILogger logger, string broker, string clientId);

    [LoggerMessage(2001, LogLevel.Warning, "Connecting to MQTT broker {Broker} failed; next attempt in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, string broker, TimeSpan delay);

    [LoggerMessage(2002, LogLevel.Warning, "Disconnected from MQTT broker {Broker}: {Reason}")]
    public static partial void Disconnected(ILogger logger, string broker, string reason);

    [LoggerMessage(2003, LogLevel.Information, "Embedded MQTT broker listening on {Address}:{Port}")]
    public static partial void EmbeddedBrokerStarted(ILogger logger, string address, int port);

    [LoggerMessage(2004, LogLevel.Information, "Embedded MQTT broker stopped")]
    public static partial void EmbeddedBrokerStopped(ILogger logger);

    [LoggerMessage(2005, LogLevel.Warning, "Publishing to {Topic} failed")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string topic);
}
