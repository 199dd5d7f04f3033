using System.Device.Gpio;
using EdgeAi.Devices.Actuators;
using EdgeAi.Devices.Locks;
using EdgeAi.Devices.Sensors.Gpio;
using EdgeAi.Devices.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAi.Devices.Tests.Locks;

/// <summary>
/// A front door on a simulated board: bolt relay on GPIO 23, bolt switch (to ground, closed when thrown) on GPIO 24,
/// door contact (to ground, closed when shut) on GPIO 25, and the bolt mechanics with a 1 s travel.
/// </summary>
public abstract class LockFixture : IDisposable
{
    protected const int BoltRelayPin = 23;
    protected const int BoltSwitchPin = 24;
    protected const int DoorPin = 25;
    protected static readonly TimeSpan Travel = TimeSpan.FromSeconds(1);

    /// <summary>Debounce of the bolt switch and the door contact: a change is seen this long after the edge.</summary>
    protected static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(20);

    /// <summary>Travel plus the switch's debounce: when a move is confirmed.</summary>
    protected static readonly TimeSpan TravelAndDebounce = Travel + Debounce;

    private readonly List<IDisposable> _owned = [];

    protected LockFixture()
    {
        Controller = new GpioController(Driver);
    }

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 15, 22, 0, 0, TimeSpan.Zero));

    protected SimulatedGpioDriver Driver { get; } = new();

    protected GpioController Controller { get; }

    protected SimulatedBolt Bolt { get; set; } = null!;

    protected LockOptions Options { get; set; } = new();

    protected int RelayWrites { get; private set; }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        Controller.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Builds the house as it is before the node starts, then the lock over it.</summary>
    protected LockController CreateRelayLock(bool boltThrown, bool doorOpen = false)
    {
        // A relay-held bolt: the relay line is already at the level that holds the bolt where it is.
        Controller.OpenPin(BoltRelayPin, PinMode.Output, boltThrown ? PinValue.High : PinValue.Low);
        Controller.ClosePin(BoltRelayPin);
        Driver.SetInputLevel(DoorPin, doorOpen ? PinValue.High : PinValue.Low);
        Bolt = Own(new SimulatedBolt(Driver, BoltSwitchPin, PinValue.Low, Time, Travel, boltThrown));
        Bolt.FollowRelay(BoltRelayPin, BoltPosition.Thrown);
        Driver.OutputChanged += (pin, _) => RelayWrites += pin == BoltRelayPin ? 1 : 0;

        var relay = Own(new Relay(Controller, BoltRelayPin));
        return CreateLock(new RelayBoltDrive(relay, BoltPosition.Thrown));
    }

    protected LockController CreateLock(IBoltDrive drive)
    {
        var boltSwitch = Own(new DebouncedInput(Controller, BoltSwitchPin, PinMode.InputPullUp, PinValue.Low, Debounce, Time));
        var door = Own(new ContactSensor(Controller, DoorPin, ContactKind.Door, Time, Debounce));
        return Own(new LockController("front_door", drive, boltSwitch, door, Options, Time));
    }

    /// <summary>
    /// Advances the clock in 10 ms steps, so that timers armed by timers (the bolt arrives, then the switch's debounce
    /// ends) fire at their own times.
    /// </summary>
    protected void Wait(TimeSpan duration)
    {
        var step = TimeSpan.FromMilliseconds(10);
        for (var waited = TimeSpan.Zero; waited < duration; waited += step)
        {
            Time.Advance(step < duration - waited ? step : duration - waited);
        }
    }

    protected T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
