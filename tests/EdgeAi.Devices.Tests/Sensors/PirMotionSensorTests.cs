using System.Device.Gpio;
using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Sensors.Gpio;
using EdgeAi.Devices.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Sensors;

public sealed class PirMotionSensorTests : IDisposable
{
    private const int Pin = 17;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero));
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _controller;

    public PirMotionSensorTests() => _controller = new GpioController(_driver);

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Constructor_LineAlreadyHigh_ReportsMotionFromStart()
    {
        _driver.SetInputLevel(Pin, PinValue.High);

        using var pir = new PirMotionSensor(_controller, Pin, _time);

        Assert.True(pir.Motion.Value);
    }

    [Fact]
    public void RisingEdge_StableForDebounce_RaisesMotionStampedAtTheEdge()
    {
        using var pir = new PirMotionSensor(_controller, Pin, _time, debounce: TimeSpan.FromMilliseconds(50));
        var changes = new List<EdgeAi.Devices.Sensors.SensorReading<bool>>();
        pir.MotionChanged += changes.Add;
        _time.Advance(TimeSpan.FromSeconds(1));
        var edgeAt = _time.GetUtcNow();

        _driver.SetInputLevel(Pin, PinValue.High);
        var beforeDebounce = changes.Count;
        _time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(0, beforeDebounce);
        var change = Assert.Single(changes);
        Assert.True(change.Value);
        Assert.Equal(edgeAt, change.Timestamp);
    }

    [Fact]
    public void Bounce_WithinDebounceWindow_RaisesOneChange()
    {
        using var pir = new PirMotionSensor(_controller, Pin, _time, debounce: TimeSpan.FromMilliseconds(50));
        var changes = new List<SensorReading<bool>>();
        pir.MotionChanged += changes.Add;
        _time.Advance(TimeSpan.FromSeconds(1));

        _driver.SetInputLevel(Pin, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        _driver.SetInputLevel(Pin, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        _driver.SetInputLevel(Pin, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal([true], changes.Select(c => c.Value));
        Assert.True(pir.Motion.Value);
    }

    [Fact]
    public void Glitch_ShorterThanDebounce_RaisesNothing()
    {
        using var pir = new PirMotionSensor(_controller, Pin, _time, debounce: TimeSpan.FromMilliseconds(50));
        var changes = new List<EdgeAi.Devices.Sensors.SensorReading<bool>>();
        pir.MotionChanged += changes.Add;
        _time.Advance(TimeSpan.FromSeconds(1));

        _driver.SetInputLevel(Pin, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        _driver.SetInputLevel(Pin, PinValue.Low);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(changes);
        Assert.False(pir.Motion.Value);
    }

    [Fact]
    public void Dispose_ClosesPinAndStopsEvents()
    {
        var pir = new PirMotionSensor(_controller, Pin, _time);
        var count = 0;
        pir.MotionChanged += _ => count++;

        pir.Dispose();
        _time.Advance(TimeSpan.FromSeconds(1));
        _driver.SetInputLevel(Pin, PinValue.High);

        Assert.Equal(0, count);
        Assert.False(_driver.IsOpen(Pin));
    }
}
