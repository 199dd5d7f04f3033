using EdgeAi.Devices.Sensors.Bosch;
using EdgeAi.Devices.Simulation.I2c;

namespace EdgeAi.Devices.Tests.Sensors;

/// <summary>
/// The compensation formulas against the worked example of the Bosch datasheet (BMP280 datasheet section 3.12 uses
/// the same temperature and pressure formulas and calibration layout as the BME280, section 4.2.3).
/// </summary>
public sealed class Bme280CompensationTests
{
    private static readonly Bme280Calibration DatasheetExample = SimulatedBme280.DefaultCalibration;

    [Fact]
    public void CompensateTemperature_DatasheetExample_Gives2508AndTFine128422()
    {
        var centiCelsius = Bme280Compensation.CompensateTemperature(DatasheetExample, 519888, out var tFine);

        Assert.Equal(128422, tFine);
        Assert.Equal(2508, centiCelsius);
    }

    [Fact]
    public void CompensatePressure_DatasheetExample_Gives100653Pascal()
    {
        Bme280Compensation.CompensateTemperature(DatasheetExample, 519888, out var tFine);

        var q24_8 = Bme280Compensation.CompensatePressure(DatasheetExample, 415148, tFine);

        // The datasheet gives 100653.27 Pa (floating point) and 100653 Pa (32-bit integer) for this example.
        Assert.InRange(q24_8 / 256.0, 100653.0, 100653.6);
    }

    [Fact]
    public void CompensatePressure_ZeroP1_ReturnsZeroInsteadOfDividingByZero()
    {
        var blank = DatasheetExample with { P1 = 0 };

        Assert.Equal(0u, Bme280Compensation.CompensatePressure(blank, 415148, 128422));
    }

    [Fact]
    public void CompensateHumidity_RawBeyondFullScale_IsClampedTo100Percent()
    {
        Bme280Compensation.CompensateTemperature(DatasheetExample, 519888, out var tFine);

        var q22_10 = Bme280Compensation.CompensateHumidity(DatasheetExample, 0xFFFF, tFine);

        Assert.Equal(100u * 1024u, q22_10);
    }

    [Fact]
    public void Parse_NvmLayout_RoundTripsEveryParameterIncludingNegative12BitH4H5()
    {
        var calibration = DatasheetExample with { H4 = -1234, H5 = -7, H6 = -30, H2 = -300 };
        var block1 = new byte[26];
        var block2 = new byte[7];
        calibration.WriteTo(block1, block2);

        var parsed = Bme280Calibration.Parse(block1, block2);

        Assert.Equal(calibration, parsed);
    }

    [Fact]
    public void Parse_DatasheetNibbleSharing_H4LowNibbleFrom0xE5()
    {
        // 0xE4 = 0x13, 0xE5 = 0x29 -> dig_H4 = 0x139 (313), dig_H5 = (0xE6 << 4) | 0x2 = 0x032 (50) with 0xE6 = 0x03.
        byte[] block2 = [0x6A, 0x01, 0x00, 0x13, 0x29, 0x03, 0x1E];

        var parsed = Bme280Calibration.Parse(new byte[26], block2);

        Assert.Equal(362, parsed.H2);
        Assert.Equal(313, parsed.H4);
        Assert.Equal(50, parsed.H5);
        Assert.Equal(30, parsed.H6);
    }
}
