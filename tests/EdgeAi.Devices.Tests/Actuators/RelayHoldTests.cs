using System.Device.Gpio;
using EdgeAi.Devices.Actuators;
using EdgeAi.Devices.Simulation;

namespace EdgeAi.Devices.Tests.Actuators;

public sealed class RelayHoldTests
{
    [Fact]
    public void Dispose_HoldOnDispose_LeavesTheLineDriven()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        var relay = new Relay(controller, 23, initialOn: true, holdOnDispose: true);

        relay.Dispose();

        Assert.Equal(PinValue.High, driver.PeekLevel(23));
        Assert.False(driver.IsOpen(23));
    }

    [Fact]
    public void Dispose_Default_DrivesOff()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        var relay = new Relay(controller, 5, initialOn: true);

        relay.Dispose();

        Assert.Equal(PinValue.Low, driver.PeekLevel(5));
    }
}
