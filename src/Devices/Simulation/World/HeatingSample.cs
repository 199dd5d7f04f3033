namespace EdgeAi.Devices.Simulation.World;

/// <summary>One sample of a heating day.</summary>
/// <param name="Time">Simulated time.</param>
/// <param name="RoomCelsius">True room temperature, °C.</param>
/// <param name="SetpointCelsius">The thermostat's target, °C.</param>
/// <param name="HeaterOn">Whether the heater was powered.</param>
/// <param name="OutdoorCelsius">Outdoor temperature, °C.</param>
public readonly record struct HeatingSample(DateTimeOffset Time, double RoomCelsius, double SetpointCelsius, bool HeaterOn, double OutdoorCelsius);
