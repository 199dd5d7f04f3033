namespace EdgeAi.Devices.Sensors.Bosch;

/// <summary>BME280 register addresses and fixed values (BME280 datasheet rev 1.6, section 5.3, table 18).</summary>
internal static class Bme280Registers
{
    /// <summary>First block of calibration data, 0x88..0xA1 (26 bytes: dig_T1..dig_P9, a reserved byte, dig_H1).</summary>
    public const byte CalibrationBlock1 = 0x88;

    /// <summary>Length of the first calibration block.</summary>
    public const int CalibrationBlock1Length = 26;

    /// <summary>Chip identification number, reads 0x60 on a BME280 (section 5.4.1).</summary>
    public const byte ChipId = 0xD0;

    /// <summary>Soft reset: writing 0xB6 resets the device (section 5.4.2).</summary>
    public const byte Reset = 0xE0;

    /// <summary>Second block of calibration data, 0xE1..0xE7 (7 bytes: dig_H2..dig_H6).</summary>
    public const byte CalibrationBlock2 = 0xE1;

    /// <summary>Length of the second calibration block.</summary>
    public const int CalibrationBlock2Length = 7;

    /// <summary>ctrl_hum: osrs_h[2:0]; takes effect only after a write to ctrl_meas (section 5.4.3).</summary>
    public const byte ControlHumidity = 0xF2;

    /// <summary>status: bit 3 measuring, bit 0 im_update (section 5.4.4).</summary>
    public const byte Status = 0xF3;

    /// <summary>ctrl_meas: osrs_t[7:5], osrs_p[4:2], mode[1:0] (section 5.4.5).</summary>
    public const byte ControlMeasurement = 0xF4;

    /// <summary>config: t_sb[7:5], filter[4:2], spi3w_en[0] (section 5.4.6).</summary>
    public const byte Config = 0xF5;

    /// <summary>press_msb; 0xF7..0xFE hold pressure (20 bit), temperature (20 bit), humidity (16 bit) (sections 5.4.7-5.4.9).</summary>
    public const byte DataStart = 0xF7;

    /// <summary>Length of the burst read 0xF7..0xFE recommended by section 4 (data shadowing keeps it consistent).</summary>
    public const int DataLength = 8;

    /// <summary>The chip id of a BME280 (a BMP280 reads 0x56..0x58).</summary>
    public const byte ExpectedChipId = 0x60;

    /// <summary>The value that starts a soft reset.</summary>
    public const byte ResetCommand = 0xB6;

    /// <summary>status bit 3: a conversion is running.</summary>
    public const byte StatusMeasuring = 0x08;

    /// <summary>The 20-bit output of a skipped temperature or pressure measurement (section 4.2.2 / 5.4.7).</summary>
    public const int SkippedTemperatureOrPressure = 0x80000;

    /// <summary>The 16-bit output of a skipped humidity measurement (section 5.4.9).</summary>
    public const int SkippedHumidity = 0x8000;
}
