namespace EdgeAi.EdgeHost.Bridge.Entities;

/// <summary>One measured quantity of a sensor device, a field of its JSON state.</summary>
/// <param name="Key">Field name in the state JSON and suffix of the entity's object id (<c>temperature</c>).</param>
/// <param name="Name">Entity name suffix shown in Home Assistant.</param>
/// <param name="DeviceClass">Home Assistant sensor device class.</param>
/// <param name="Unit">Unit of measurement as Home Assistant expects it for that class.</param>
/// <param name="Precision">Suggested display precision (decimals).</param>
public sealed record SensorChannel(string Key, string Name, string DeviceClass, string Unit, int Precision)
{
    /// <summary>Temperature in °C.</summary>
    public static SensorChannel Temperature { get; } = new("temperature", "temperature", "temperature", "°C", 1);

    /// <summary>Relative humidity in %.</summary>
    public static SensorChannel Humidity { get; } = new("humidity", "humidity", "humidity", "%", 0);

    /// <summary>Atmospheric pressure in hPa.</summary>
    public static SensorChannel Pressure { get; } = new("pressure", "pressure", "atmospheric_pressure", "hPa", 1);

    /// <summary>CO2 concentration in ppm.</summary>
    public static SensorChannel Co2 { get; } = new("co2", "CO2", "carbon_dioxide", "ppm", 0);

    /// <summary>Illuminance in lx.</summary>
    public static SensorChannel Illuminance { get; } = new("illuminance", "illuminance", "illuminance", "lx", 0);
}
