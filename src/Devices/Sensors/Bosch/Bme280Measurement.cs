using EdgeAi.Devices.Units;

namespace EdgeAi.Devices.Sensors.Bosch;

/// <summary>One compensated BME280 measurement.</summary>
/// <param name="Temperature">Compensated temperature (resolution 0.01 °C).</param>
/// <param name="Pressure">Compensated pressure (resolution 1/256 Pa).</param>
/// <param name="Humidity">Compensated relative humidity (resolution 1/1024 %).</param>
/// <param name="Timestamp">When the data registers were read.</param>
public readonly record struct Bme280Measurement(
    Temperature Temperature,
    Pressure Pressure,
    RelativeHumidity Humidity,
    DateTimeOffset Timestamp);
