using System.Device.Gpio;
using EdgeAi.Devices.Sensors.Gpio;
using EdgeAi.Devices.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Sensors;

public sealed class ContactSensorTests : IDisposable
{
    private const int Pin = 22;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero));
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _controller;

    public ContactSensorTests() => _controller = new GpioController(_driver);

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Constructor_SwitchClosedToGround_ReportsClosedWithPullUp()
    {
        _driver.SetInputLevel(Pin, PinValue.Low);

        using var contact = new ContactSensor(_controller, Pin, ContactKind.Door, _time);

        Assert.False(contact.Open.Value);
        Assert.Equal(PinMode.InputPullUp, _driver.PeekMode(Pin));
    }

    [Fact]
    public void LineGoesHigh_ReportsOpen()
    {
        _driver.SetInputLevel(Pin, PinValue.Low);
        using var contact = new ContactSensor(_controller, Pin, ContactKind.Window, _time);
        var opened = new List<bool>();
        contact.OpenChanged += r => opened.Add(r.Value);
        _time.Advance(TimeSpan.FromSeconds(1));

        _driver.SetInputLevel(Pin, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(20));

        Assert.Equal([true], opened);
        Assert.True(contact.Open.Value);
        Assert.Equal(ContactKind.Window, contact.Kind);
    }

    [Fact]
    public void WireCut_ReadsOpenThroughPullUp()
    {
        _driver.SetInputLevel(Pin, PinValue.Low);
        using var contact = new ContactSensor(_controller, Pin, ContactKind.Door, _time);
        _time.Advance(TimeSpan.FromSeconds(1));

        _driver.ReleaseInput(Pin);
        _time.Advance(TimeSpan.FromMilliseconds(20));

        Assert.True(contact.Open.Value);
    }

    [Fact]
    public void Constructor_UndefinedKind_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContactSensor(_controller, Pin, (ContactKind)7, _time));
        Assert.False(_driver.IsOpen(Pin));
    }
}
