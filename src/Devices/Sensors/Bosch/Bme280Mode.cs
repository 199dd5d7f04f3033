namespace EdgeAi.Devices.Sensors.Bosch;

/// <summary>BME280 power mode, ctrl_meas bits 1:0 (datasheet section 3.3, table 25).</summary>
public enum Bme280Mode
{
    /// <summary>Sleep: no measurements, lowest power (after power-on).</summary>
    Sleep = 0b00,

    /// <summary>Forced: one measurement, then back to sleep (01 and 10 both mean forced).</summary>
    Forced = 0b01,

    /// <summary>Normal: measures continuously, with the standby time from config between measurements.</summary>
    Normal = 0b11,
}
