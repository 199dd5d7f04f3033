using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Sensors.Rohm;
using EdgeAi.Devices.Simulation.I2c;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Sensors;

/// <summary>The BH1750 driver against the simulated chip on the simulated bus.</summary>
public sealed class Bh1750Tests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero));
    private readonly SimulatedI2cBus _bus = new();
    private readonly SimulatedBh1750 _chip;
    private readonly Bh1750 _sensor;

    public Bh1750Tests()
    {
        _chip = new SimulatedBh1750(_time) { Illuminance = 500.0 };
        _bus.Attach(Bh1750.DefaultAddress, _chip);
        _sensor = new Bh1750(_bus.CreateDevice(Bh1750.DefaultAddress), _time);
    }

    public void Dispose() => _bus.Dispose();

    [Fact]
    public void TryReadIlluminance_HighResolutionAfterMaxMeasurementTime_RecoversLux()
    {
        _sensor.StartContinuous(Bh1750Resolution.High);
        _time.Advance(TimeSpan.FromMilliseconds(180));

        Assert.True(_sensor.TryReadIlluminance(out var reading));

        // count = round(500 x 1.2) = 600; 600 / 1.2 = 500 lx.
        Assert.Equal(500.0, reading.Value.Lux, 1e-9);
        Assert.Equal(_time.GetUtcNow(), reading.Timestamp);
    }

    [Fact]
    public void TryReadIlluminance_HighResolution2_HalvesTheCount()
    {
        _chip.Illuminance = 123.5;
        _sensor.StartContinuous(Bh1750Resolution.High2);
        _time.Advance(TimeSpan.FromMilliseconds(180));

        Assert.True(_sensor.TryReadIlluminance(out var reading));

        Assert.Equal(123.5, reading.Value.Lux, 0.5);
    }

    [Fact]
    public void TryReadIlluminance_BeforeFirstConversion_FailsAsNotReadyInsteadOfZero()
    {
        _sensor.StartContinuous();
        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.False(_sensor.TryReadIlluminance(out var reading));

        Assert.Equal(default, reading);
        Assert.Equal(SensorReadFailure.NotReady, _sensor.Statistics.LastFailure);
    }

    [Fact]
    public void TryReadIlluminance_Nack_FailsAsBusError()
    {
        _sensor.StartContinuous();
        _time.Advance(TimeSpan.FromMilliseconds(180));
        _chip.Faults.NackNextTransfers(1);

        Assert.False(_sensor.TryReadIlluminance(out _));

        Assert.Equal(SensorReadFailure.BusError, _sensor.Statistics.LastFailure);
        Assert.Equal(1, _sensor.Statistics.Failures);
    }

    [Fact]
    public void TryReadIlluminance_Darkness_ReadsZeroLux()
    {
        _chip.Illuminance = 0.0;
        _sensor.StartContinuous();
        _time.Advance(TimeSpan.FromMilliseconds(180));

        Assert.True(_sensor.TryReadIlluminance(out var reading));
        Assert.Equal(0.0, reading.Value.Lux);
    }
}
