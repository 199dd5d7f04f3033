namespace EdgeAi.Devices.Sensors.Bosch;

/// <summary>Oversampling setting of one BME280 channel (datasheet sections 5.4.3 and 5.4.5, tables 20, 23, 24).</summary>
public enum Bme280Oversampling
{
    /// <summary>Measurement skipped: the channel outputs 0x80000 (T, P) or 0x8000 (H).</summary>
    Skipped = 0,

    /// <summary>Oversampling x1.</summary>
    X1 = 1,

    /// <summary>Oversampling x2.</summary>
    X2 = 2,

    /// <summary>Oversampling x4.</summary>
    X4 = 3,

    /// <summary>Oversampling x8.</summary>
    X8 = 4,

    /// <summary>Oversampling x16.</summary>
    X16 = 5,
}
