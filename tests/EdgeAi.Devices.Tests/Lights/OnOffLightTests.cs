using System.Device.Gpio;
using EdgeAi.Devices.Lights;
using EdgeAi.Devices.Simulation;

namespace EdgeAi.Devices.Tests.Lights;

public sealed class OnOffLightTests : IDisposable
{
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _controller;

    public OnOffLightTests() => _controller = new GpioController(_driver);

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Constructor_OpensPinDrivingOff()
    {
        using var light = new OnOffLight(_controller, 17);

        Assert.False(light.IsOn);
        Assert.Equal(PinMode.Output, _driver.PeekMode(17));
        Assert.Equal(PinValue.Low, _driver.PeekLevel(17));
    }

    [Fact]
    public void TurnOn_ActiveHigh_DrivesHigh()
    {
        using var light = new OnOffLight(_controller, 17);

        light.TurnOn();

        Assert.True(light.IsOn);
        Assert.Equal(PinValue.High, _driver.PeekLevel(17));
    }

    [Fact]
    public void TurnOn_ActiveLow_DrivesLow()
    {
        using var light = new OnOffLight(_controller, 18, activeLow: true);
        var offLevel = _driver.PeekLevel(18);

        light.TurnOn();

        Assert.Equal(PinValue.High, offLevel);
        Assert.Equal(PinValue.Low, _driver.PeekLevel(18));
        Assert.True(light.IsOn);
    }

    [Fact]
    public void Set_SameState_RaisesNoEvent()
    {
        using var light = new OnOffLight(_controller, 17);
        var events = new List<bool>();
        light.StateChanged += events.Add;

        light.TurnOn();
        light.TurnOn();
        light.TurnOff();

        Assert.Equal([true, false], events);
    }

    [Fact]
    public void Dispose_DrivesSafeOffAndReleasesPin()
    {
        var light = new OnOffLight(_controller, 17);
        light.TurnOn();

        light.Dispose();

        Assert.Equal(PinValue.Low, _driver.PeekLevel(17));
        Assert.False(_driver.IsOpen(17));
        Assert.Throws<ObjectDisposedException>(() => light.TurnOn());
    }
}
