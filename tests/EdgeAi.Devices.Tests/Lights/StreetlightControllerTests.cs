using System.Device.Gpio;
using EdgeAi.Devices.Lights;
using EdgeAi.Devices.Sensors.Gpio;
using EdgeAi.Devices.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Lights;

/// <summary>A streetlight with night 20:00-06:30 UTC, 30 % at night, 100 % for 60 s after motion.</summary>
public sealed class StreetlightControllerTests : IDisposable
{
    private const int PirPin = 4;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _controller;
    private readonly SimulatedPwmChannel _channel = new();
    private readonly DimmableLight _light;
    private readonly PirMotionSensor _pir;
    private readonly StreetlightController _streetlight;

    public StreetlightControllerTests()
    {
        _controller = new GpioController(_driver);
        _light = new DimmableLight(_channel, new DimmableLightOptions { Gamma = 1.0 });
        _pir = new PirMotionSensor(_controller, PirPin, _time);
        _streetlight = new StreetlightController(_light, _pir, new StreetlightOptions { TimeZone = TimeZoneInfo.Utc }, _time);
    }

    public void Dispose()
    {
        _streetlight.Dispose();
        _pir.Dispose();
        _light.Dispose();
        _controller.Dispose();
    }

    [Fact]
    public void Start_Midday_LightOff()
    {
        _streetlight.Start();

        Assert.Equal(StreetlightMode.Day, _streetlight.State.Mode);
        Assert.False(_channel.IsRunning);
    }

    [Fact]
    public void Dusk_Reached_NightLevel()
    {
        _streetlight.Start();

        _time.Advance(TimeSpan.FromHours(8));

        Assert.Equal(StreetlightMode.Night, _streetlight.State.Mode);
        Assert.Equal(0.30, _channel.DutyCycle, 1e-12);
    }

    [Fact]
    public void Dawn_AfterMidnight_LightOff()
    {
        _streetlight.Start();

        _time.Advance(TimeSpan.FromHours(18.5));

        Assert.Equal(StreetlightMode.Day, _streetlight.State.Mode);
        Assert.False(_channel.IsRunning);
    }

    [Fact]
    public void MotionAtNight_BoostsUntilDurationAfterMotionEnds()
    {
        _streetlight.Start();
        _time.Advance(TimeSpan.FromHours(10));

        _driver.SetInputLevel(PirPin, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        var boosted = _streetlight.State.Mode;
        _time.Advance(TimeSpan.FromSeconds(30));
        _driver.SetInputLevel(PirPin, PinValue.Low);
        _time.Advance(TimeSpan.FromSeconds(59));
        var stillBoosted = _streetlight.State.Mode;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(StreetlightMode.Boost, boosted);
        Assert.Equal(StreetlightMode.Boost, stillBoosted);
        Assert.Equal(StreetlightMode.Night, _streetlight.State.Mode);
        Assert.Equal(0.30, _channel.DutyCycle, 1e-12);
    }

    [Fact]
    public void MotionByDay_LightStaysOff()
    {
        _streetlight.Start();

        _driver.SetInputLevel(PirPin, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(StreetlightMode.Day, _streetlight.State.Mode);
        Assert.False(_channel.IsRunning);
    }

    [Fact]
    public void SetManual_ByDay_HoldsUntilDuskThenSchedule()
    {
        _streetlight.Start();

        _streetlight.SetManual(70);
        var manual = _streetlight.State;
        _time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        var justBeforeDusk = _streetlight.State.Mode;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new StreetlightState(StreetlightMode.Manual, 70, new DateTimeOffset(2026, 6, 1, 20, 0, 0, TimeSpan.Zero)), manual);
        Assert.Equal(StreetlightMode.Manual, justBeforeDusk);
        Assert.Equal(StreetlightMode.Night, _streetlight.State.Mode);
    }

    [Fact]
    public void SetManual_OutOfRange_RejectedAndNothingChanges()
    {
        _streetlight.Start();

        Assert.Throws<ArgumentOutOfRangeException>(() => _streetlight.SetManual(150));

        Assert.Equal(StreetlightMode.Day, _streetlight.State.Mode);
    }

    [Fact]
    public void NextBoundary_AtNight_IsDawnNextDay()
    {
        var boundary = _streetlight.NextBoundary(new DateTimeOffset(2026, 6, 1, 23, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 6, 2, 6, 30, 0, TimeSpan.Zero), boundary);
    }
}
