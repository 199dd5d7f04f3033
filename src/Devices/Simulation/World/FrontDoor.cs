using System.Device.Gpio;
using EdgeAi.Devices.Locks;

namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// The front door leaf and its contact (closed pulls the line low). People open it only while the bolt is fully
/// retracted and still; nobody forces it unless a scenario calls <see cref="Force"/>. A door that stands open while
/// the bolt is thrown cannot close (the bolt hits the frame) until the bolt retracts. The world never moves the bolt.
/// </summary>
/// <remarks>Thread-safe; <see cref="Changed"/> is raised outside the lock, after the contact line changed.</remarks>
public sealed class FrontDoor : IDisposable
{
    private static readonly TimeSpan CloseRetry = TimeSpan.FromSeconds(5);
    private readonly SimulatedGpioDriver _driver;
    private readonly SimulatedBolt _bolt;
    private readonly ITimer _close;
    private readonly Lock _gate = new();
    private bool _open;

    /// <summary>Creates the door and sets its contact line.</summary>
    public FrontDoor(SimulatedGpioDriver driver, int contactPin, SimulatedBolt bolt, TimeProvider timeProvider, bool initiallyOpen)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(bolt);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _driver = driver;
        _bolt = bolt;
        ContactPin = contactPin;
        _open = initiallyOpen;
        _close = timeProvider.CreateTimer(_ => TryClose(), null, initiallyOpen ? CloseRetry : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        ApplyContact(initiallyOpen);
    }

    /// <summary>Raised after the door opened or closed (argument: open).</summary>
    public event Action<bool>? Changed;

    /// <summary>The contact's GPIO line.</summary>
    public int ContactPin { get; }

    /// <summary>Whether the door stands open.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    /// <summary>How many times the door was opened.</summary>
    public int Openings { get; private set; }

    /// <summary>How many times someone found the bolt thrown (or moving) and left the door shut.</summary>
    public int RefusedByBolt { get; private set; }

    /// <summary>
    /// Someone walks through: opens the door for <paramref name="openFor"/> if the bolt is retracted and still (or the door
    /// already stands open). Returns whether they got through.
    /// </summary>
    public bool TryPassThrough(TimeSpan openFor)
    {
        lock (_gate)
        {
            if (!_open && (_bolt.IsThrown || _bolt.IsMoving))
            {
                RefusedByBolt++;
                return false;
            }
        }

        Open(openFor);
        return true;
    }

    /// <summary>A scenario forces the door: the bolt is pushed back by hand if thrown, and the door opens.</summary>
    public void Force(TimeSpan openFor)
    {
        if (_bolt.IsThrown || _bolt.IsMoving)
        {
            _bolt.MoveByHand(BoltPosition.Retracted);
        }

        Open(openFor);
    }

    /// <summary>Stops the closing timer.</summary>
    public void Dispose() => _close.Dispose();

    private void Open(TimeSpan openFor)
    {
        bool opened;
        lock (_gate)
        {
            opened = !_open;
            _open = true;
            if (opened)
            {
                Openings++;
            }

            _close.Change(openFor, Timeout.InfiniteTimeSpan);
        }

        if (opened)
        {
            ApplyContact(true);
            Changed?.Invoke(true);
        }
    }

    private void TryClose()
    {
        lock (_gate)
        {
            if (!_open)
            {
                return;
            }

            if (_bolt.IsThrown)
            {
                _close.Change(CloseRetry, Timeout.InfiniteTimeSpan);
                return;
            }

            _open = false;
        }

        ApplyContact(false);
        Changed?.Invoke(false);
    }

    private void ApplyContact(bool open) => _driver.SetInputLevel(ContactPin, open ? PinValue.High : PinValue.Low);
}
