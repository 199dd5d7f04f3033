namespace EdgeAi.Devices.Climate;

/// <summary>The user's choices that survive a restart.</summary>
/// <param name="Mode">The mode.</param>
/// <param name="TargetCelsius">The target temperature, °C.</param>
public sealed record ThermostatSettings(ThermostatMode Mode, double TargetCelsius);
