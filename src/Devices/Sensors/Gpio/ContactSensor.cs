using System.Device.Gpio;

namespace EdgeAi.Devices.Sensors.Gpio;

/// <summary>
/// A door or window contact (reed switch) on a GPIO line. Wired the usual way, between the line and ground with the
/// internal pull-up: closed reads low, open reads high, and a cut wire reads as open, which is the safe reading.
/// </summary>
/// <remarks>Thread-safe; see <see cref="DebouncedInput"/> for how edges are debounced.</remarks>
public sealed class ContactSensor : IDisposable
{
    private readonly DebouncedInput _input;

    /// <summary>Opens the line with its pull-up and reads whether the contact is open now.</summary>
    /// <param name="controller">The board's GPIO controller (not owned).</param>
    /// <param name="pin">Logical GPIO line number.</param>
    /// <param name="kind">Door or window.</param>
    /// <param name="timeProvider">Clock for debounce and timestamps.</param>
    /// <param name="debounce">How long the contact must be stable before a change is taken; 20 ms when null (reed switches bounce for a few ms).</param>
    /// <param name="openLevel">The level that means "open"; high for a switch to ground with pull-up.</param>
    public ContactSensor(GpioController controller, int pin, ContactKind kind, TimeProvider timeProvider, TimeSpan? debounce = null, PinValue? openLevel = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Door or Window.");
        }

        var open = openLevel ?? PinValue.High;
        Kind = kind;
        _input = new DebouncedInput(
            controller,
            pin,
            open == PinValue.High ? PinMode.InputPullUp : PinMode.InputPullDown,
            open,
            debounce ?? TimeSpan.FromMilliseconds(20),
            timeProvider);
        _input.Changed += reading => OpenChanged?.Invoke(reading);
    }

    /// <summary>Raised when the contact opens (true) or closes (false), with the time of the change.</summary>
    public event Action<SensorReading<bool>>? OpenChanged;

    /// <summary>Door or window.</summary>
    public ContactKind Kind { get; }

    /// <summary>The GPIO line.</summary>
    public int Pin => _input.Pin;

    /// <summary>Whether the contact is open now, and since when.</summary>
    public SensorReading<bool> Open => _input.Current;

    /// <summary>Closes the line.</summary>
    public void Dispose() => _input.Dispose();
}
