using EdgeAi.Devices.Units;

namespace EdgeAi.Devices.Climate;

/// <summary>A snapshot of a thermostat, everything a host publishes.</summary>
/// <param name="Mode">The mode.</param>
/// <param name="TargetCelsius">The target temperature, °C.</param>
/// <param name="CurrentTemperature">The newest valid reading, or null when there is none.</param>
/// <param name="Action">What it is doing now.</param>
/// <param name="Fault">Why it stopped controlling, or <see cref="ThermostatFault.None"/>.</param>
/// <param name="HeaterOn">Whether the heater relay is on (read from the line).</param>
/// <param name="CoolerOn">Whether the cooler relay is on (false without a cooler).</param>
public sealed record ThermostatState(
    ThermostatMode Mode,
    double TargetCelsius,
    Temperature? CurrentTemperature,
    ThermostatAction Action,
    ThermostatFault Fault,
    bool HeaterOn,
    bool CoolerOn);
