using System.Device.Gpio;
using EdgeAi.Devices.Actuators;
using EdgeAi.Devices.Simulation;

namespace EdgeAi.Devices.Tests.Actuators;

public sealed class RelayTests : IDisposable
{
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _controller;

    public RelayTests() => _controller = new GpioController(_driver);

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Constructor_LineAlreadyDrivenOn_AdoptsItWithoutSwitching()
    {
        _controller.OpenPin(17, PinMode.Output, PinValue.High);
        _controller.ClosePin(17);
        var writes = 0;
        _driver.OutputChanged += (_, _) => writes++;

        using var relay = new Relay(_controller, 17);

        Assert.True(relay.IsOn);
        Assert.Equal(0, writes);
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, true, true)]
    public void Constructor_InitialState_OpensDrivingIt(bool initialOn, bool activeLow, bool expectHigh)
    {
        using var relay = new Relay(_controller, 19, activeLow, initialOn);

        Assert.Equal(initialOn, relay.IsOn);
        Assert.Equal(expectHigh ? PinValue.High : PinValue.Low, _driver.PeekLevel(19));
    }

    [Fact]
    public void TurnOn_ActiveLow_DrivesLow()
    {
        _controller.OpenPin(18, PinMode.Output, PinValue.High);
        _controller.ClosePin(18);
        using var relay = new Relay(_controller, 18, activeLow: true);
        var wasOff = !relay.IsOn;

        relay.TurnOn();

        Assert.True(wasOff);
        Assert.Equal(PinValue.Low, _driver.PeekLevel(18));
    }

    [Fact]
    public void Set_SameState_RaisesNoEvent()
    {
        using var relay = new Relay(_controller, 17);
        var events = new List<bool>();
        relay.StateChanged += events.Add;

        relay.TurnOn();
        relay.TurnOn();
        relay.TurnOff();

        Assert.Equal([true, false], events);
    }

    [Fact]
    public void Dispose_DrivesOffAndReleasesLine()
    {
        var relay = new Relay(_controller, 17);
        relay.TurnOn();

        relay.Dispose();

        Assert.Equal(PinValue.Low, _driver.PeekLevel(17));
        Assert.False(_driver.IsOpen(17));
    }
}
