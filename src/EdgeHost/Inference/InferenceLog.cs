using Microsoft.Extensions.Logging;

namespace EdgeAi.EdgeHost.Inference;

/// <summary>Log messages of on-device decisions and the cloud wiring (event ids 1400–1499).</summary>
internal static partial class InferenceLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Model {Model} version {Version} loaded on {Engine}")]
    public static partial void ModelLoaded(ILogger logger, string model, long version, string engine);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Installed model update in {Directory} skipped: {Reason}")]
    public static partial void InstalledModelSkipped(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Debug, Message = "Decision skipped: no reading from {Feature} yet")]
    public static partial void FeatureMissing(ILogger logger, string feature);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Error, Message = "Decision failed")]
    public static partial void DecisionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "Offload to {Url} enabled for model {Model} (threshold {Threshold}, deadline {DeadlineMs} ms); model updates {Sync}; telemetry {Telemetry}")]
    public static partial void CloudEnabled(ILogger logger, string url, string model, float threshold, double deadlineMs, string sync, string telemetry);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "Telemetry could not be queued")]
    public static partial void TelemetryFailed(ILogger logger, Exception exception);
}
