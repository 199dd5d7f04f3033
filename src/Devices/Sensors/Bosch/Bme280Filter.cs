namespace EdgeAi.Devices.Sensors.Bosch;

/// <summary>IIR filter coefficient, config bits 4:2 (datasheet section 3.4.4, table 28).</summary>
public enum Bme280Filter
{
    /// <summary>Filter off.</summary>
    Off = 0,

    /// <summary>Coefficient 2.</summary>
    X2 = 1,

    /// <summary>Coefficient 4.</summary>
    X4 = 2,

    /// <summary>Coefficient 8.</summary>
    X8 = 3,

    /// <summary>Coefficient 16.</summary>
    X16 = 4,
}
