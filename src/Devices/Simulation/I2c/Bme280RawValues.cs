using EdgeAi.Devices.Sensors.Bosch;

namespace EdgeAi.Devices.Simulation.I2c;

/// <summary>
/// Finds the raw ADC values a BME280 with a given calibration would output for a true temperature, pressure and
/// humidity, by searching the datasheet compensation (section 4.2.3) backwards. Each compensated quantity is monotonic
/// in its ADC value over the sensor's range, so a binary search finds the closest code.
/// </summary>
internal static class Bme280RawValues
{
    private const int MaxAdc20 = 0xFFFFF;
    private const int MaxAdc16 = 0xFFFF;

    public static int Temperature(Bme280Calibration calibration, double celsius)
    {
        // t_fine / 5120 is the temperature in °C (section 8.1, the floating-point form of the same formula).
        var target = celsius * 5120.0;
        return Search(0, MaxAdc20, increasing: true, target, adc =>
        {
            Bme280Compensation.CompensateTemperature(calibration, adc, out var tFine);
            return tFine;
        });
    }

    public static int Pressure(Bme280Calibration calibration, double pascals, int tFine) =>
        Search(0, MaxAdc20, increasing: false, pascals * 256.0, adc => Bme280Compensation.CompensatePressure(calibration, adc, tFine));

    public static int Humidity(Bme280Calibration calibration, double percent, int tFine) =>
        Search(0, MaxAdc16, increasing: true, percent * 1024.0, adc => Bme280Compensation.CompensateHumidity(calibration, adc, tFine));

    private static int Search(int low, int high, bool increasing, double target, Func<int, double> compensate)
    {
        // Smallest code whose output reaches the target (for a decreasing function: whose output falls to it).
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            var value = compensate(mid);
            var reached = increasing ? value >= target : value <= target;
            if (reached)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        if (low > 0 && Math.Abs(compensate(low - 1) - target) < Math.Abs(compensate(low) - target))
        {
            return low - 1;
        }

        return low;
    }
}
