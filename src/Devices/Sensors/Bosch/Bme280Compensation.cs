namespace EdgeAi.Devices.Sensors.Bosch;

/// <summary>
/// The BME280 integer compensation formulas, datasheet rev 1.6 section 4.2.3 ("compensation formulas", code rev 1.1):
/// 32-bit temperature, 64-bit pressure, 32-bit humidity. Pure functions of the calibration and the raw ADC values,
/// kept apart from the bus so they can be checked against the datasheet's numbers.
/// </summary>
public static class Bme280Compensation
{
    /// <summary>
    /// Temperature in 0.01 °C ("5123" is 51.23 °C) and t_fine, the fine temperature the pressure and humidity
    /// formulas take (BME280_compensate_T_int32).
    /// </summary>
    public static int CompensateTemperature(Bme280Calibration calibration, int adcT, out int tFine)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var var1 = (((adcT >> 3) - (calibration.T1 << 1)) * calibration.T2) >> 11;
        var var2 = (((((adcT >> 4) - calibration.T1) * ((adcT >> 4) - calibration.T1)) >> 12) * calibration.T3) >> 14;
        tFine = var1 + var2;
        return ((tFine * 5) + 128) >> 8;
    }

    /// <summary>
    /// Pressure in Pa as Q24.8 ("24674867" is 24674867 / 256 = 96386.2 Pa) (BME280_compensate_P_int64).
    /// Returns 0 where the datasheet does, to avoid a division by zero on a blank calibration.
    /// </summary>
    public static uint CompensatePressure(Bme280Calibration calibration, int adcP, int tFine)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        long var1 = tFine - 128000L;
        var var2 = var1 * var1 * calibration.P6;
        var2 += (var1 * calibration.P5) << 17;
        var2 += (long)calibration.P4 << 35;
        var1 = ((var1 * var1 * calibration.P3) >> 8) + ((var1 * calibration.P2) << 12);
        var1 = (((1L << 47) + var1) * calibration.P1) >> 33;
        if (var1 == 0)
        {
            return 0;
        }

        long p = 1048576 - adcP;
        p = (((p << 31) - var2) * 3125) / var1;
        var1 = (calibration.P9 * (p >> 13) * (p >> 13)) >> 25;
        var2 = (calibration.P8 * p) >> 19;
        p = ((p + var1 + var2) >> 8) + ((long)calibration.P7 << 4);
        return (uint)p;
    }

    /// <summary>
    /// Relative humidity in %RH as Q22.10 ("47445" is 47445 / 1024 = 46.333 %RH) (bme280_compensate_H_int32),
    /// clamped to 0..100 % as the datasheet code does.
    /// </summary>
    public static uint CompensateHumidity(Bme280Calibration calibration, int adcH, int tFine)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var x = tFine - 76800;
        x = (((adcH << 14) - (calibration.H4 << 20) - (calibration.H5 * x) + 16384) >> 15)
            * (((((((x * calibration.H6) >> 10) * (((x * calibration.H3) >> 11) + 32768)) >> 10) + 2097152)
                * calibration.H2 + 8192) >> 14);
        x -= ((((x >> 15) * (x >> 15)) >> 7) * calibration.H1) >> 4;
        x = x < 0 ? 0 : x;
        x = x > 419430400 ? 419430400 : x;
        return (uint)(x >> 12);
    }
}
