using System.Device.Gpio;
using EdgeAi.Devices.Lights;

namespace EdgeAi.Devices.Tests.Contracts;

/// <summary>
/// What a switched output (an <see cref="OnOffLight"/>, a relay) promises on any board: it opens off, switches, reports
/// the line's truth and drives off again when disposed. The level is observed from outside the driver: the
/// simulated line itself, or on a real board a second GPIO wired back to the output (hardware/README.md).
/// </summary>
public abstract class SwitchedOutputContractTests : IDisposable
{
    protected abstract GpioController Controller { get; }

    protected abstract int OutputPin { get; }

    /// <summary>The level on the wire, seen by something other than the output's own driver.</summary>
    protected abstract PinValue Observe();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    [Fact]
    public void Open_DrivesOff()
    {
        using var light = new OnOffLight(Controller, OutputPin);

        Assert.False(light.IsOn);
        Assert.Equal(PinValue.Low, Observe());
    }

    [Fact]
    public void TurnOnThenOff_WireFollows()
    {
        using var light = new OnOffLight(Controller, OutputPin);

        light.TurnOn();
        var on = Observe();
        light.TurnOff();
        var off = Observe();

        Assert.Equal(PinValue.High, on);
        Assert.Equal(PinValue.Low, off);
    }

    [Fact]
    public void ActiveLow_OnIsLowOnTheWire()
    {
        using var light = new OnOffLight(Controller, OutputPin, activeLow: true);

        var off = Observe();
        light.TurnOn();

        Assert.Equal(PinValue.High, off);
        Assert.Equal(PinValue.Low, Observe());
        Assert.True(light.IsOn);
    }

    [Fact]
    public void Dispose_LeavesTheWireOff()
    {
        var light = new OnOffLight(Controller, OutputPin);
        light.TurnOn();

        light.Dispose();

        Assert.Equal(PinValue.Low, Observe());
    }
}
