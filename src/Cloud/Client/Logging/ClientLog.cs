using Microsoft.Extensions.Logging;

namespace EdgeAi.Cloud.Client.Logging;

/// <summary>Source-generated log messages of the cloud client, event ids 6000–6999. No token or key is ever logged.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Cloud model missed the {DeadlineMs} ms deadline; using the local answer")]
    public static partial void CloudDeadlineMissed(ILogger logger, double deadlineMs);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Cloud model failed; using the local answer")]
    public static partial void CloudFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Model {Model} version {Version} activated")]
    public static partial void ModelActivated(ILogger logger, string model, long version);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Model {Model} version {Version} rejected: {Reason}; the current model keeps serving")]
    public static partial void ModelRejected(ILogger logger, string model, long version, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Model {Model} version {Version} failed its health check after the swap and was rolled back")]
    public static partial void ModelRolledBack(ILogger logger, string model, long version);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Model sync poll failed; will try again")]
    public static partial void SyncPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6200, Level = LogLevel.Warning, Message = "Telemetry outbox full: dropped {Count} oldest telemetry records")]
    public static partial void OutboxDropped(ILogger logger, int count);

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Telemetry drain stopped; records stay queued")]
    public static partial void DrainFailed(ILogger logger, Exception exception);
}
