using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Sensors.Sensirion;
using EdgeAi.Devices.Simulation.I2c;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Sensors;

/// <summary>The SCD4x driver against the simulated chip on the simulated bus.</summary>
public sealed class Scd4xTests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero));
    private readonly SimulatedI2cBus _bus = new();
    private readonly SimulatedScd4x _chip;
    private readonly Scd4x _sensor;

    public Scd4xTests()
    {
        _chip = new SimulatedScd4x(_time) { Co2 = 1234, Temperature = 24.5, Humidity = 40.0 };
        _bus.Attach(Scd4x.DefaultAddress, _chip);
        _sensor = new Scd4x(_bus.CreateDevice(Scd4x.DefaultAddress), _time);
    }

    public void Dispose() => _bus.Dispose();

    [Fact]
    public async Task ReadMeasurementAsync_AfterFiveSeconds_RecoversTrueValues()
    {
        _sensor.StartPeriodicMeasurement();
        _time.Advance(TimeSpan.FromSeconds(5));

        var m = await _time.AdvanceUntilDoneAsync(_sensor.ReadMeasurementAsync(), Step, Limit);

        Assert.NotNull(m);
        Assert.Equal(1234.0, m.Value.Co2.PartsPerMillion);
        Assert.Equal(24.5, m.Value.Temperature.DegreesCelsius, 0.01);
        Assert.Equal(40.0, m.Value.Humidity.Percent, 0.01);
        Assert.Equal(1, _sensor.Statistics.Successes);
    }

    [Fact]
    public async Task ReadMeasurementAsync_BeforeFirstMeasurement_FailsAsNotReady()
    {
        _sensor.StartPeriodicMeasurement();

        var m = await _time.AdvanceUntilDoneAsync(_sensor.ReadMeasurementAsync(), Step, Limit);

        Assert.Null(m);
        Assert.Equal(SensorReadFailure.NotReady, _sensor.Statistics.LastFailure);
    }

    [Fact]
    public async Task ReadMeasurementAsync_SecondReadSameInterval_FailsAsNotReady()
    {
        _sensor.StartPeriodicMeasurement();
        _time.Advance(TimeSpan.FromSeconds(5));
        await _time.AdvanceUntilDoneAsync(_sensor.ReadMeasurementAsync(), Step, Limit);

        var second = await _time.AdvanceUntilDoneAsync(_sensor.ReadMeasurementAsync(), Step, Limit);

        Assert.Null(second);
        Assert.Equal(SensorReadFailure.NotReady, _sensor.Statistics.LastFailure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    public async Task ReadMeasurementAsync_CorruptedByteInAnyWordOrCrc_FailsAsCrcMismatch(int byteIndex)
    {
        _sensor.StartPeriodicMeasurement();
        _time.Advance(TimeSpan.FromSeconds(5));

        // The first read is the data-ready word; corrupt the second, the measurement.
        _chip.Faults.CorruptNextReads(reads: 1, byteIndex: byteIndex, xorMask: 0x10, afterReads: 1);
        var m = await _time.AdvanceUntilDoneAsync(_sensor.ReadMeasurementAsync(), Step, Limit);

        Assert.Null(m);
        Assert.Equal(SensorReadFailure.CrcMismatch, _sensor.Statistics.LastFailure);
        Assert.Equal(1, _sensor.Statistics.Failures);
    }

    [Fact]
    public async Task ReadMeasurementAsync_CorruptedDataReadyWord_FailsAsCrcMismatch()
    {
        _sensor.StartPeriodicMeasurement();
        _time.Advance(TimeSpan.FromSeconds(5));
        _chip.Faults.CorruptNextReads(reads: 1, byteIndex: 1);

        var m = await _time.AdvanceUntilDoneAsync(_sensor.ReadMeasurementAsync(), Step, Limit);

        Assert.Null(m);
        Assert.Equal(SensorReadFailure.CrcMismatch, _sensor.Statistics.LastFailure);
    }

    [Fact]
    public async Task ReadMeasurementAsync_Nack_FailsAsBusError()
    {
        _sensor.StartPeriodicMeasurement();
        _time.Advance(TimeSpan.FromSeconds(5));
        _chip.Faults.NackNextTransfers(1);

        var m = await _time.AdvanceUntilDoneAsync(_sensor.ReadMeasurementAsync(), Step, Limit);

        Assert.Null(m);
        Assert.Equal(SensorReadFailure.BusError, _sensor.Statistics.LastFailure);
    }

    [Fact]
    public async Task ReadSerialNumberAsync_Idle_ReturnsChipSerial()
    {
        var serial = await _time.AdvanceUntilDoneAsync(_sensor.ReadSerialNumberAsync(), Step, Limit);

        Assert.Equal(_chip.SerialNumber, serial);
    }

    [Fact]
    public async Task StopPeriodicMeasurementAsync_WaitsFiveHundredMilliseconds_ThenIdle()
    {
        _sensor.StartPeriodicMeasurement();

        var stop = _sensor.StopPeriodicMeasurementAsync();
        Assert.False(stop.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await stop.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(_chip.IsMeasuring);
    }

    [Fact]
    public void StartPeriodicMeasurement_AlreadyMeasuring_ThrowsIOException()
    {
        _sensor.StartPeriodicMeasurement();

        Assert.Throws<IOException>(() => _sensor.StartPeriodicMeasurement());
    }
}
