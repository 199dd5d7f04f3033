using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Sensors.Bosch;
using EdgeAi.Devices.Simulation.I2c;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Sensors;

/// <summary>The BME280 driver against the simulated chip on the simulated bus.</summary>
public sealed class Bme280Tests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero));
    private readonly SimulatedI2cBus _bus = new();
    private readonly SimulatedBme280 _chip;

    public Bme280Tests()
    {
        _chip = new SimulatedBme280(_time);
        _bus.Attach(Bme280.PrimaryAddress, _chip);
    }

    public void Dispose() => _bus.Dispose();

    [Fact]
    public void Constructor_OtherChipId_ThrowsNamingTheId()
    {
        _bus.Attach(0x77, new FixedRegisterChip(0xD0, 0x58));

        var error = Assert.Throws<InvalidOperationException>(() => new Bme280(_bus.CreateDevice(0x77), _time));

        Assert.Contains("0x58", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoChipAtAddress_ThrowsIOException()
    {
        Assert.Throws<IOException>(() => new Bme280(_bus.CreateDevice(0x77), _time));
    }

    [Fact]
    public void Constructor_ReadsCalibrationFromNvm()
    {
        var sensor = Open();

        Assert.Equal(_chip.Calibration, sensor.Calibration);
    }

    [Fact]
    public void TryRead_NormalMode_RecoversTrueValues()
    {
        var sensor = Open();
        _chip.Temperature = 23.45;
        _chip.Pressure = 98765.0;
        _chip.Humidity = 55.5;
        sensor.SetMode(Bme280Mode.Normal);
        _time.Advance(sensor.MaximumMeasurementTime);

        Assert.True(sensor.TryRead(out var m));

        Assert.Equal(23.45, m.Temperature.DegreesCelsius, 0.011);
        Assert.Equal(98765.0, m.Pressure.Pascals, 1.0);
        Assert.Equal(55.5, m.Humidity.Percent, 0.05);
        Assert.Equal(_time.GetUtcNow(), m.Timestamp);
    }

    [Theory]
    [InlineData(-20.0, 5.0)]
    [InlineData(0.0, 30.0)]
    [InlineData(21.0, 45.0)]
    [InlineData(35.0, 90.0)]
    public void TryRead_AcrossRange_RecoversTemperatureAndHumidity(double celsius, double percent)
    {
        var sensor = Open();
        _chip.Temperature = celsius;
        _chip.Humidity = percent;
        sensor.SetMode(Bme280Mode.Normal);
        _time.Advance(sensor.MaximumMeasurementTime);

        Assert.True(sensor.TryRead(out var m));

        Assert.Equal(celsius, m.Temperature.DegreesCelsius, 0.011);
        Assert.Equal(percent, m.Humidity.Percent, 0.05);
    }

    [Fact]
    public void TryRead_BeforeFirstMeasurement_FailsAsNotReady()
    {
        var sensor = Open();

        Assert.False(sensor.TryRead(out _));

        Assert.Equal(SensorReadFailure.NotReady, sensor.Statistics.LastFailure);
        Assert.Equal(1, sensor.Statistics.Failures);
    }

    [Fact]
    public void TryRead_HumiditySkipped_FailsAsNotReady()
    {
        var sensor = Open();
        sensor.Configure(Bme280Oversampling.X1, Bme280Oversampling.X1, Bme280Oversampling.Skipped);
        sensor.SetMode(Bme280Mode.Normal);
        _time.Advance(sensor.MaximumMeasurementTime);

        Assert.False(sensor.TryRead(out _));
        Assert.Equal(SensorReadFailure.NotReady, sensor.Statistics.LastFailure);
    }

    [Fact]
    public void TryRead_Nack_FailsAndCountsBusError()
    {
        var sensor = OpenMeasuring();
        _chip.Faults.NackNextTransfers(1);

        Assert.False(sensor.TryRead(out var m));

        Assert.Equal(default, m);
        Assert.Equal(1, sensor.Statistics.Failures);
        Assert.Equal(SensorReadFailure.BusError, sensor.Statistics.LastFailure);
    }

    [Fact]
    public void TryRead_AfterNackCleared_SucceedsAndResetsConsecutiveFailures()
    {
        var sensor = OpenMeasuring();
        _chip.Faults.NackNextTransfers(1);
        sensor.TryRead(out _);

        Assert.True(sensor.TryRead(out _));

        Assert.Equal(0, sensor.Statistics.ConsecutiveFailures);
        Assert.Equal(1, sensor.Statistics.Successes);
    }

    [Fact]
    public void TryRead_TemperatureAboveOperatingRange_FailsAsOutOfRange()
    {
        var sensor = Open();
        _chip.Temperature = 95.0;
        sensor.SetMode(Bme280Mode.Normal);
        _time.Advance(sensor.MaximumMeasurementTime);

        Assert.False(sensor.TryRead(out _));
        Assert.Equal(SensorReadFailure.OutOfRange, sensor.Statistics.LastFailure);
    }

    [Fact]
    public async Task ReadForcedAsync_WaitsMeasurementTime_ReturnsValueAndChipSleeps()
    {
        var sensor = Open();
        _chip.Temperature = 19.5;
        var read = sensor.ReadForcedAsync();
        Assert.False(read.IsCompleted);

        _time.Advance(sensor.MaximumMeasurementTime);
        var m = await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(m);
        Assert.Equal(19.5, m.Value.Temperature.DegreesCelsius, 0.011);
        Assert.Equal(Bme280Mode.Sleep, _chip.Mode);
    }

    [Fact]
    public void SetMode_Configured_WritesConfigCtrlHumAndCtrlMeas()
    {
        var sensor = Open();
        sensor.Configure(Bme280Oversampling.X2, Bme280Oversampling.X16, Bme280Oversampling.X1, Bme280Filter.X16, Bme280Standby.Milliseconds62Point5);

        sensor.SetMode(Bme280Mode.Normal);

        // Tables 25, 27, 28: ctrl_meas = 010 101 11, config = 001 100 0 0, ctrl_hum = 001.
        Assert.Equal(0b010_101_11, _chip.PeekRegister(0xF4));
        Assert.Equal(0b001_100_00, _chip.PeekRegister(0xF5));
        Assert.Equal(0b001, _chip.PeekRegister(0xF2));
    }

    [Fact]
    public void MaximumMeasurementTime_AllX1_Is9Point3Milliseconds()
    {
        var sensor = Open();

        // Datasheet section 9.1: 1.25 + 2.3 + (2.3 + 0.575) + (2.3 + 0.575) = 9.3 ms.
        Assert.Equal(9.3, sensor.MaximumMeasurementTime.TotalMilliseconds, 0.001);
    }

    [Fact]
    public void TryReadTemperature_NormalMode_CarriesTimestamp()
    {
        var sensor = OpenMeasuring();
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.True(sensor.TryReadTemperature(out var reading));

        Assert.Equal(_time.GetUtcNow(), reading.Timestamp);
        Assert.Equal(_chip.Temperature, reading.Value.DegreesCelsius, 0.011);
    }

    private Bme280 Open() => new(_bus.CreateDevice(Bme280.PrimaryAddress), _time);

    private Bme280 OpenMeasuring()
    {
        var sensor = Open();
        sensor.SetMode(Bme280Mode.Normal);
        _time.Advance(sensor.MaximumMeasurementTime);
        return sensor;
    }
}
