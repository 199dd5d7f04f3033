using Microsoft.Extensions.Logging;

namespace EdgeAi.EdgeHost.Health;

/// <summary>Health endpoint log messages; event ids 1200–1299.</summary>
internal static partial class HealthLog
{
    [LoggerMessage(1200, LogLevel.Information, "Serving /healthz, /readyz and /metrics on http://{Endpoint}")]
    public static partial void Listening(ILogger logger, string endpoint);

    [LoggerMessage(1201, LogLevel.Debug, "Dropped a health request: {Reason}")]
    public static partial void RequestDropped(ILogger logger, string reason);

    [LoggerMessage(1202, LogLevel.Warning, "A health connection failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception);
}
