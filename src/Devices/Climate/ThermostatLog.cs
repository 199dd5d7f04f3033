using Microsoft.Extensions.Logging;

namespace EdgeAi.Devices.Climate;

/// <summary>Thermostat log messages; event ids 3100-3199.</summary>
internal static partial class ThermostatLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Thermostat {Name}: relay found on at start, switched off")]
    public static partial void RelayFoundOnAtStart(ILogger logger, string name);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Thermostat {Name}: fault {Fault}, all relays off")]
    public static partial void FaultRaised(ILogger logger, string name, ThermostatFault fault);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Thermostat {Name}: fault cleared")]
    public static partial void FaultCleared(ILogger logger, string name);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Thermostat {Name}: relay on for the maximum run time, off for the cooldown")]
    public static partial void MaximumRunTimeReached(ILogger logger, string name);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Thermostat {Name}: saved settings ignored ({Reason}); starting in mode off")]
    public static partial void SavedSettingsIgnored(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Error, Message = "Thermostat {Name}: the temperature sensor threw; counted as a failed read")]
    public static partial void SensorThrew(ILogger logger, string name, Exception exception);
}
