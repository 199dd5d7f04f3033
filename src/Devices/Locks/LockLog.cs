using Microsoft.Extensions.Logging;

namespace EdgeAi.Devices.Locks;

/// <summary>Lock log messages; event ids 3200-3299.</summary>
internal static partial class LockLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Lock {Name}: started {State}, bolt not moved")]
    public static partial void Started(ILogger logger, string name, LockState state);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "Lock {Name}: bolt did not reach {Target} within {Timeout}, JAMMED")]
    public static partial void Jammed(ILogger logger, string name, BoltPosition target, TimeSpan timeout);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Lock {Name}: bolt moved without a command, now {State}")]
    public static partial void MovedWithoutCommand(ILogger logger, string name, LockState state);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Lock {Name}: door opened while the bolt is thrown")]
    public static partial void DoorOpenWhileBoltThrown(ILogger logger, string name);
}
