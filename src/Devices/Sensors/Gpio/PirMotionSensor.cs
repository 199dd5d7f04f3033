using System.Device.Gpio;

namespace EdgeAi.Devices.Sensors.Gpio;

/// <summary>
/// A passive infrared motion sensor (HC-SR501 and similar) whose output drives a GPIO line high while it sees motion.
/// Home Assistant device class <c>motion</c>.
/// </summary>
/// <remarks>Thread-safe; see <see cref="DebouncedInput"/> for how edges are debounced.</remarks>
public sealed class PirMotionSensor : IDisposable
{
    private readonly DebouncedInput _input;

    /// <summary>Opens the line and reads whether motion is being reported now.</summary>
    /// <param name="controller">The board's GPIO controller (not owned).</param>
    /// <param name="pin">Logical GPIO line number.</param>
    /// <param name="timeProvider">Clock for debounce and timestamps.</param>
    /// <param name="debounce">How long the output must be stable before a change is taken; 50 ms when null.</param>
    /// <param name="activeHigh">True when the module drives high on motion (the usual case).</param>
    public PirMotionSensor(GpioController controller, int pin, TimeProvider timeProvider, TimeSpan? debounce = null, bool activeHigh = true)
    {
        _input = new DebouncedInput(
            controller,
            pin,
            activeHigh ? PinMode.InputPullDown : PinMode.InputPullUp,
            activeHigh ? PinValue.High : PinValue.Low,
            debounce ?? TimeSpan.FromMilliseconds(50),
            timeProvider);
        _input.Changed += reading => MotionChanged?.Invoke(reading);
    }

    /// <summary>Raised when motion starts (true) or ends (false), with the time of the change.</summary>
    public event Action<SensorReading<bool>>? MotionChanged;

    /// <summary>The GPIO line.</summary>
    public int Pin => _input.Pin;

    /// <summary>Whether motion is reported now, and since when.</summary>
    public SensorReading<bool> Motion => _input.Current;

    /// <summary>Closes the line.</summary>
    public void Dispose() => _input.Dispose();
}
