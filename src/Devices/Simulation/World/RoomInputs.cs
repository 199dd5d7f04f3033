namespace EdgeAi.Devices.Simulation.World;

/// <summary>What drives a room's climate over one physics step.</summary>
/// <param name="OutdoorCelsius">Outdoor air temperature, °C.</param>
/// <param name="OutdoorVapourDensity">Water vapour in the outdoor air, kg/m³.</param>
/// <param name="HeaterOn">Whether the heater is powered.</param>
/// <param name="Occupants">People in the room.</param>
/// <param name="WindowOpen">Whether the window stands open.</param>
/// <param name="DaylightLux">Daylight at the window, lx (drives solar gain).</param>
public readonly record struct RoomInputs(
    double OutdoorCelsius,
    double OutdoorVapourDensity,
    bool HeaterOn,
    int Occupants,
    bool WindowOpen,
    double DaylightLux);
