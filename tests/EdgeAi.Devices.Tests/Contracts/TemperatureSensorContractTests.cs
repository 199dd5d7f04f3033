using EdgeAi.Devices.Sensors;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Contracts;

/// <summary>
/// What every <see cref="ITemperatureSensor"/> promises, run against each driver on the simulated bus. A hardware
/// subclass would implement the same members over a real bus and carry [Trait("Category","Hardware")].
/// </summary>
public abstract class TemperatureSensorContractTests : IDisposable
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 7, 0, 0, TimeSpan.Zero));

    /// <summary>The sensor under test, started so that a sample is due after <see cref="WaitForNextSample"/>.</summary>
    protected abstract ITemperatureSensor Sensor { get; }

    /// <summary>The driver's statistics.</summary>
    protected abstract SensorReadStatistics Statistics { get; }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Sets the temperature the simulated chip sees.</summary>
    protected abstract void SetTrueTemperature(double celsius);

    /// <summary>Makes the chip's next transfer go unacknowledged.</summary>
    protected abstract void InjectNack();

    /// <summary>Advances the clock until the chip has a new sample.</summary>
    protected abstract void WaitForNextSample();

    [Theory]
    [InlineData(-10.0)]
    [InlineData(21.37)]
    [InlineData(40.0)]
    public void TryReadTemperature_NewSample_ReturnsTrueTemperature(double celsius)
    {
        SetTrueTemperature(celsius);
        WaitForNextSample();

        Assert.True(Sensor.TryReadTemperature(out var reading));

        Assert.Equal(celsius, reading.Value.DegreesCelsius, 0.02);
    }

    [Fact]
    public void TryReadTemperature_NewSample_StampedWithClock()
    {
        WaitForNextSample();

        Assert.True(Sensor.TryReadTemperature(out var reading));

        Assert.Equal(Time.GetUtcNow(), reading.Timestamp);
    }

    [Fact]
    public void TryReadTemperature_Nack_FailsWithoutValueAndCounts()
    {
        WaitForNextSample();
        InjectNack();

        Assert.False(Sensor.TryReadTemperature(out var reading));

        Assert.Equal(default, reading);
        Assert.Equal(1, Statistics.Failures);
        Assert.Equal(SensorReadFailure.BusError, Statistics.LastFailure);
    }
}
