using EdgeAi.Devices.Units;

namespace EdgeAi.Devices.Sensors.Sensirion;

/// <summary>One SHT3x temperature and humidity pair.</summary>
/// <param name="Temperature">Temperature (section 4.13: T = -45 + 175 x S_T / (2^16 - 1)).</param>
/// <param name="Humidity">Relative humidity (section 4.13: RH = 100 x S_RH / (2^16 - 1)).</param>
/// <param name="Timestamp">When the pair was read.</param>
public readonly record struct Sht3xMeasurement(Temperature Temperature, RelativeHumidity Humidity, DateTimeOffset Timestamp);
