using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Sensors.Sensirion;
using EdgeAi.Devices.Simulation.I2c;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Sensors;

/// <summary>The SHT3x driver against the simulated chip on the simulated bus.</summary>
public sealed class Sht3xTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero));
    private readonly SimulatedI2cBus _bus = new();
    private readonly SimulatedSht3x _chip;
    private readonly Sht3x _sensor;

    public Sht3xTests()
    {
        _chip = new SimulatedSht3x(_time) { Temperature = 22.3, Humidity = 48.0 };
        _bus.Attach(Sht3x.DefaultAddress, _chip);
        _sensor = new Sht3x(_bus.CreateDevice(Sht3x.DefaultAddress), _time);
    }

    public void Dispose() => _bus.Dispose();

    [Fact]
    public void TryRead_PeriodicAfterOnePeriod_RecoversTrueValues()
    {
        _sensor.StartPeriodic(Sht3xPeriodicRate.OnePerSecond);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(_sensor.TryRead(out var m));

        Assert.Equal(22.3, m.Temperature.DegreesCelsius, 0.01);
        Assert.Equal(48.0, m.Humidity.Percent, 0.01);
        Assert.Equal(_time.GetUtcNow(), m.Timestamp);
    }

    [Fact]
    public void TryRead_SecondFetchWithinPeriod_FailsAsNotReady()
    {
        _sensor.StartPeriodic(Sht3xPeriodicRate.OnePerSecond);
        _time.Advance(TimeSpan.FromSeconds(1));
        _sensor.TryRead(out _);

        Assert.False(_sensor.TryRead(out _));

        Assert.Equal(SensorReadFailure.NotReady, _sensor.Statistics.LastFailure);
    }

    [Fact]
    public void TryRead_CorruptedTemperatureByte_FailsAsCrcMismatchAndCounts()
    {
        _sensor.StartPeriodic(Sht3xPeriodicRate.OnePerSecond);
        _time.Advance(TimeSpan.FromSeconds(1));
        _chip.Faults.CorruptNextReads(reads: 1, byteIndex: 1, xorMask: 0x04);

        Assert.False(_sensor.TryRead(out var m));

        Assert.Equal(default, m);
        Assert.Equal(1, _sensor.Statistics.Failures);
        Assert.Equal(SensorReadFailure.CrcMismatch, _sensor.Statistics.LastFailure);
    }

    [Fact]
    public void TryRead_CorruptedHumidityCrcByte_FailsAsCrcMismatch()
    {
        _sensor.StartPeriodic(Sht3xPeriodicRate.OnePerSecond);
        _time.Advance(TimeSpan.FromSeconds(1));
        _chip.Faults.CorruptNextReads(reads: 1, byteIndex: 5, xorMask: 0x80);

        Assert.False(_sensor.TryRead(out _));
        Assert.Equal(SensorReadFailure.CrcMismatch, _sensor.Statistics.LastFailure);
    }

    [Fact]
    public void TryRead_NackOnCommand_FailsAsBusError()
    {
        _sensor.StartPeriodic(Sht3xPeriodicRate.OnePerSecond);
        _time.Advance(TimeSpan.FromSeconds(1));
        _chip.Faults.NackNextTransfers(1);

        Assert.False(_sensor.TryRead(out _));

        Assert.Equal(SensorReadFailure.BusError, _sensor.Statistics.LastFailure);
        Assert.Equal(1, _sensor.Statistics.ConsecutiveFailures);
    }

    [Fact]
    public void TryRead_AfterStop_FailsAsNotReady()
    {
        _sensor.StartPeriodic(Sht3xPeriodicRate.OnePerSecond);
        _sensor.Stop();
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(_sensor.TryRead(out _));
        Assert.False(_chip.IsPeriodic);
    }

    [Fact]
    public async Task ReadSingleShotAsync_AfterMeasurementDuration_ReturnsValue()
    {
        _chip.Temperature = -10.0;
        var read = _sensor.ReadSingleShotAsync();

        _time.Advance(TimeSpan.FromMilliseconds(15.5));
        var m = await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(m);
        Assert.Equal(-10.0, m.Value.Temperature.DegreesCelsius, 0.01);
    }

    [Fact]
    public void TemperatureFromRaw_FullScale_Is130Degrees()
    {
        // Section 4.13: S_T = 2^16 - 1 gives -45 + 175 = 130 °C; S_T = 0 gives -45 °C.
        Assert.Equal(130.0, Sht3x.TemperatureFromRaw(0xFFFF), 1e-9);
        Assert.Equal(-45.0, Sht3x.TemperatureFromRaw(0), 1e-9);
    }

    [Fact]
    public async Task RetryingSensorReader_FirstAttemptCorrupted_RetriesAfterBackoffAndReturnsValue()
    {
        _sensor.StartPeriodic(Sht3xPeriodicRate.TenPerSecond);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _chip.Faults.CorruptNextReads(reads: 1, byteIndex: 0);
        var reader = new RetryingSensorReader<Sht3xMeasurement>(_sensor.TryRead, new SensorRetryPolicy(), _time);

        var read = reader.ReadAsync();
        Assert.False(read.IsCompleted);
        _time.Advance(new SensorRetryPolicy().DelayBefore(2));
        var m = await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(m);
        Assert.Equal(1, _sensor.Statistics.Failures);
        Assert.Equal(1, _sensor.Statistics.Successes);
    }

    [Fact]
    public async Task RetryingSensorReader_EveryAttemptNacked_ReturnsNullAndCountsEachFailure()
    {
        _chip.Faults.NackNextTransfers(100);
        var policy = new SensorRetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(100) };
        var reader = new RetryingSensorReader<Sht3xMeasurement>(_sensor.TryRead, policy, _time);

        var m = await _time.AdvanceUntilDoneAsync(reader.ReadAsync(), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));

        Assert.Null(m);
        Assert.Equal(3, _sensor.Statistics.Failures);
        Assert.Equal(1, reader.ExhaustedReads);
    }
}
