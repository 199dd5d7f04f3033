using System.Device.Gpio;
using EdgeAi.Devices.Sensors.Gpio;

namespace EdgeAi.Devices.Tests.Contracts;

/// <summary>
/// What a contact input (door or window reed switch with the internal pull-up) promises on any board: a closed
/// contact (line pulled to ground) reads closed, an open one reads open, and a change is reported once the line
/// has been stable for the debounce time. The wire is driven from outside: the simulated world, or on a real board
/// a GPIO output wired to the contact's input (hardware/README.md).
/// </summary>
public abstract class ContactInputContractTests : IDisposable
{
    protected abstract GpioController Controller { get; }

    protected abstract int InputPin { get; }

    protected abstract TimeProvider Time { get; }

    /// <summary>Drives the wire: true = contact open (line high), false = closed (line low).</summary>
    protected abstract void SetContact(bool open);

    /// <summary>Lets more than the debounce time pass.</summary>
    protected abstract void Settle();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    [Fact]
    public void Closed_ReadsClosed()
    {
        SetContact(open: false);
        using var contact = new ContactSensor(Controller, InputPin, ContactKind.Door, Time);

        Assert.False(contact.Open.Value);
    }

    [Fact]
    public void Opening_ReportedAfterDebounce()
    {
        SetContact(open: false);
        using var contact = new ContactSensor(Controller, InputPin, ContactKind.Window, Time);
        var changes = new List<bool>();
        contact.OpenChanged += reading => changes.Add(reading.Value);

        SetContact(open: true);
        Settle();

        Assert.True(contact.Open.Value);
        Assert.Equal([true], changes);
    }
}
