using System.Device.Gpio;

namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// A PIR module's output line: high for <see cref="PulseLength"/> after the last movement it saw, as the common
/// HC-SR501-style modules in retriggering mode behave. Thread-safe.
/// </summary>
public sealed class MotionLine : IDisposable
{
    private readonly SimulatedGpioDriver _driver;
    private readonly ITimer _fall;
    private readonly Lock _gate = new();
    private bool _high;

    /// <summary>Creates the line low.</summary>
    public MotionLine(SimulatedGpioDriver driver, int pin, TimeProvider timeProvider, TimeSpan pulseLength)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _driver = driver;
        Pin = pin;
        PulseLength = pulseLength;
        _fall = timeProvider.CreateTimer(_ => Fall(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _driver.SetInputLevel(pin, PinValue.Low);
    }

    /// <summary>The GPIO line.</summary>
    public int Pin { get; }

    /// <summary>How long the output stays high after a movement.</summary>
    public TimeSpan PulseLength { get; }

    /// <summary>Number of movements seen.</summary>
    public int Triggers { get; private set; }

    /// <summary>Whether the output is high now.</summary>
    public bool IsHigh
    {
        get
        {
            lock (_gate)
            {
                return _high;
            }
        }
    }

    /// <summary>Someone moved in the field of view: the output goes (or stays) high for another pulse length.</summary>
    public void Trigger()
    {
        bool rise;
        lock (_gate)
        {
            rise = !_high;
            _high = true;
            Triggers++;
            _fall.Change(PulseLength, Timeout.InfiniteTimeSpan);
        }

        if (rise)
        {
            _driver.SetInputLevel(Pin, PinValue.High);
        }
    }

    /// <summary>Stops the line's timer.</summary>
    public void Dispose() => _fall.Dispose();

    private void Fall()
    {
        lock (_gate)
        {
            _high = false;
        }

        _driver.SetInputLevel(Pin, PinValue.Low);
    }
}
