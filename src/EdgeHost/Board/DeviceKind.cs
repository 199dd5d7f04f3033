namespace EdgeAi.EdgeHost.Board;

/// <summary>The device kinds a manifest may declare (the <c>Kind</c> key).</summary>
public static class DeviceKind
{
    /// <summary>On/off light on a GPIO relay: <c>Pin</c>.</summary>
    public const string Light = "light";

    /// <summary>Dimmable light on a hardware PWM channel: <c>PwmChip</c>, <c>PwmChannel</c>, <c>Pin</c> (the line it drives).</summary>
    public const string DimmableLight = "dimmable_light";

    /// <summary>Door lock: <c>Pins</c> <c>bolt</c> (relay), <c>bolt_switch</c>, <c>door</c>.</summary>
    public const string Lock = "lock";

    /// <summary>Thermostat: <c>Sensor</c> (a temperature sensor's id), <c>Pins</c> <c>heater</c> and optionally <c>cooler</c>.</summary>
    public const string Thermostat = "thermostat";

    /// <summary>Bosch BME280 on I2C: <c>Bus</c>, <c>Address</c>.</summary>
    public const string Bme280 = "bme280";

    /// <summary>Sensirion SHT3x on I2C.</summary>
    public const string Sht3x = "sht3x";

    /// <summary>Sensirion SCD4x CO2 sensor on I2C.</summary>
    public const string Scd4x = "scd4x";

    /// <summary>ROHM BH1750 ambient light sensor on I2C.</summary>
    public const string Bh1750 = "bh1750";

    /// <summary>PIR motion sensor on a GPIO input: <c>Pin</c>.</summary>
    public const string Motion = "motion";

    /// <summary>Door or window contact on a GPIO input: <c>Pin</c>, <c>Class</c> <c>door</c>|<c>window</c>.</summary>
    public const string Contact = "contact";

    /// <summary>Streetlight: PWM like a dimmable light, <c>Pins</c> <c>motion</c> for its PIR, and a night schedule.</summary>
    public const string Streetlight = "streetlight";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [Light, DimmableLight, Lock, Thermostat, Bme280, Sht3x, Scd4x, Bh1750, Motion, Contact, Streetlight];

    /// <summary>Kinds on the I2C bus.</summary>
    public static bool IsI2c(string kind) => kind is Bme280 or Sht3x or Scd4x or Bh1750;

    /// <summary>Kinds that can feed a thermostat.</summary>
    public static bool IsTemperatureSensor(string kind) => kind is Bme280 or Sht3x;
}
