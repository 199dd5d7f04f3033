namespace EdgeAi.Devices.Sensors.Sensirion;

/// <summary>Measurements per second in the SHT3x periodic data acquisition mode (datasheet section 4.5, table 10).</summary>
public enum Sht3xPeriodicRate
{
    /// <summary>0.5 measurements per second (command 0x2032 at high repeatability).</summary>
    HalfPerSecond,

    /// <summary>1 measurement per second (0x2130).</summary>
    OnePerSecond,

    /// <summary>2 measurements per second (0x2236).</summary>
    TwoPerSecond,

    /// <summary>4 measurements per second (0x2334).</summary>
    FourPerSecond,

    /// <summary>10 measurements per second (0x2737); the datasheet warns of self-heating at this rate.</summary>
    TenPerSecond,
}
