namespace EdgeAi.Devices.Sensors.Bosch;

/// <summary>Inactive time between measurements in normal mode, config bits 7:5 (datasheet section 3.3.4, table 27).</summary>
public enum Bme280Standby
{
    /// <summary>0.5 ms.</summary>
    HalfMillisecond = 0b000,

    /// <summary>62.5 ms.</summary>
    Milliseconds62Point5 = 0b001,

    /// <summary>125 ms.</summary>
    Milliseconds125 = 0b010,

    /// <summary>250 ms.</summary>
    Milliseconds250 = 0b011,

    /// <summary>500 ms.</summary>
    Milliseconds500 = 0b100,

    /// <summary>1000 ms.</summary>
    Milliseconds1000 = 0b101,

    /// <summary>10 ms.</summary>
    Milliseconds10 = 0b110,

    /// <summary>20 ms.</summary>
    Milliseconds20 = 0b111,
}
