using EdgeAi.Devices.Units;

namespace EdgeAi.Devices.Sensors.Sensirion;

/// <summary>One SCD4x measurement (datasheet section 3.5.2, read_measurement).</summary>
/// <param name="Co2">CO2 concentration (word 0, ppm).</param>
/// <param name="Temperature">Temperature (word 1: T = -45 + 175 x word / 2^16).</param>
/// <param name="Humidity">Relative humidity (word 2: RH = 100 x word / 2^16).</param>
/// <param name="Timestamp">When the measurement was read.</param>
public readonly record struct Scd4xMeasurement(
    Co2Concentration Co2,
    Temperature Temperature,
    RelativeHumidity Humidity,
    DateTimeOffset Timestamp);
