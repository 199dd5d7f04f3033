using Microsoft.Extensions.Logging;

namespace EdgeAi.EdgeHost.Bridge;

/// <summary>Bridge log messages; event ids 2100–2199.</summary>
internal static partial class BridgeLog
{
    [LoggerMessage(2100, LogLevel.Information, "Published discovery and state of {Count} entities; accepting commands")]
    public static partial void Announced(ILogger logger, int count);

    [LoggerMessage(2101, LogLevel.Warning, "Ignored a retained command on {Topic}: commands are never replayed; clearing it")]
    public static partial void RetainedCommandIgnored(ILogger logger, string topic);

    [LoggerMessage(2102, LogLevel.Warning, "Rejected command on {Topic}: {Reason}")]
    public static partial void CommandRejected(ILogger logger, string topic, string reason);

    [LoggerMessage(2103, LogLevel.Information, "Command on {Topic} from {Source} executed")]
    public static partial void CommandExecuted(ILogger logger, string topic, string source);

    [LoggerMessage(2104, LogLevel.Information, "Home Assistant is online again; re-announcing in {Delay}")]
    public static partial void HomeAssistantOnline(ILogger logger, TimeSpan delay);

    [LoggerMessage(2105, LogLevel.Error, "Handling the command on {Topic} failed; the device state is re-published")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string topic);

    [LoggerMessage(2106, LogLevel.Information, "Ignored a redelivery of command packet {PacketId} on {Topic}: it was executed once")]
    public static partial void DuplicateIgnored(ILogger logger, string topic, ushort packetId);
}
