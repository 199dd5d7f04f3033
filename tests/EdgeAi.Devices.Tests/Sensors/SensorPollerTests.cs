using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Sensors.Sensirion;
using EdgeAi.Devices.Simulation.I2c;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Sensors;

public sealed class SensorPollerTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly SensorRetryPolicy Retry = new() { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(100) };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero));
    private readonly Queue<bool> _outcomes = new();
    private readonly List<int> _readings = [];
    private readonly SensorPoller<int> _poller;
    private int _reads;
    private int _unavailable;

    public SensorPollerTests()
    {
        _poller = new SensorPoller<int>(TryRead, Interval, Retry, _time);
        _poller.ReadingAvailable += _readings.Add;
        _poller.BecameUnavailable += () => _unavailable++;
    }

    public void Dispose() => _poller.Dispose();

    [Fact]
    public void Start_HealthySensor_ReadsAtOnceThenEveryInterval()
    {
        _poller.Start();
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Equal([1, 2, 3], _readings);
        Assert.Equal(3, _poller.Latest);
    }

    [Fact]
    public void FailedAttempt_RetriedAfterBackoff()
    {
        _outcomes.Enqueue(false);
        _poller.Start();
        var before = _readings.Count;

        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(0, before);
        Assert.Equal([2], _readings);
        Assert.True(_poller.IsAvailable);
    }

    [Fact]
    public void EveryAttemptFails_UnavailableWithoutValueAndReportedOnce()
    {
        _poller.Start();
        for (var i = 0; i < 8; i++)
        {
            _outcomes.Enqueue(false);
        }

        _time.Advance(Interval);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _time.Advance(TimeSpan.FromMilliseconds(200));
        _time.Advance(Interval);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.False(_poller.IsAvailable);
        Assert.Null(_poller.Latest);
        Assert.Equal(1, _unavailable);
        Assert.Equal([1], _readings);
        Assert.Equal(7, _reads);
    }

    [Fact]
    public void Dispose_StopsPolling()
    {
        _poller.Start();

        _poller.Dispose();
        _time.Advance(Interval * 3);

        Assert.Equal(1, _reads);
    }

    [Fact]
    public void OverSht3x_NackedAttempt_RetriedAndReadingDelivered()
    {
        using var bus = new SimulatedI2cBus();
        var chip = new SimulatedSht3x(_time) { Temperature = 19.0 };
        bus.Attach(Sht3x.DefaultAddress, chip);
        var sensor = new Sht3x(bus.CreateDevice(Sht3x.DefaultAddress), _time);
        sensor.StartPeriodic(Sht3xPeriodicRate.TenPerSecond);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        using var poller = new SensorPoller<Sht3xMeasurement>(sensor.TryRead, Interval, Retry, _time);
        var readings = new List<Sht3xMeasurement>();
        poller.ReadingAvailable += readings.Add;
        chip.Faults.NackNextTransfers(1);

        poller.Start();
        _time.Advance(TimeSpan.FromMilliseconds(100));

        var reading = Assert.Single(readings);
        Assert.Equal(19.0, reading.Temperature.DegreesCelsius, 0.01);
        Assert.Equal(1, sensor.Statistics.Failures);
    }

    private bool TryRead(out int value)
    {
        _reads++;
        if (_outcomes.TryDequeue(out var ok) && !ok)
        {
            value = 0;
            return false;
        }

        value = _reads;
        return true;
    }
}
