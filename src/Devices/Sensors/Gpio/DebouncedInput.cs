using System.Device.Gpio;

namespace EdgeAi.Devices.Sensors.Gpio;

/// <summary>
/// A GPIO input debounced on a <see cref="TimeProvider"/>: a new level is taken only once the line has been quiet for
/// <see cref="Debounce"/> after its last edge, so contact bounce and glitches shorter than that (noise picked up on a
/// long cable) never show as a change. The change is stamped with the time of the edge that started the stable level.
/// </summary>
/// <remarks>
/// The state is read from the line when the input opens, so it starts as the truth, not as an assumption.
/// <see cref="Changed"/> is raised outside the internal lock, on the thread that delivered the edge or fired the timer.
/// Members are thread-safe. The controller is not owned; the pin is closed on <see cref="Dispose"/>.
/// </remarks>
public sealed class DebouncedInput : IDisposable
{
    private readonly GpioController _controller;
    private readonly PinValue _activeLevel;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly PinChangeEventHandler _onEdge;
    private ITimer? _settleTimer;
    private bool _active;
    private DateTimeOffset _lastChanged;
    private DateTimeOffset _lastEdge;
    private bool _disposed;

    /// <summary>Opens <paramref name="pin"/> as an input and reads its level.</summary>
    /// <param name="controller">The board's GPIO controller.</param>
    /// <param name="pin">Logical GPIO line number.</param>
    /// <param name="mode">Input mode (pull-up for a contact to ground, plain input for a driven output such as a PIR).</param>
    /// <param name="activeLevel">The level that means "active" (motion, contact open).</param>
    /// <param name="debounce">How long the line must stay quiet before its level is taken (zero: at once).</param>
    /// <param name="timeProvider">Clock for the debounce window and timestamps.</param>
    public DebouncedInput(GpioController controller, int pin, PinMode mode, PinValue activeLevel, TimeSpan debounce, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        ArgumentOutOfRangeException.ThrowIfLessThan(debounce, TimeSpan.Zero);
        if (mode is not (PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "An input mode.");
        }

        _controller = controller;
        _activeLevel = activeLevel;
        _timeProvider = timeProvider;
        Pin = pin;
        Debounce = debounce;
        _onEdge = OnEdge;

        _controller.OpenPin(pin, mode);

        // Listen before reading, so an edge between the two is not lost: it re-reads the line when it settles.
        _controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, _onEdge);
        lock (_gate)
        {
            _active = _controller.Read(pin) == _activeLevel;
            _lastChanged = timeProvider.GetUtcNow();
        }
    }

    /// <summary>Raised after the debounced state changes (new state and when it changed).</summary>
    public event Action<SensorReading<bool>>? Changed;

    /// <summary>The GPIO line.</summary>
    public int Pin { get; }

    /// <summary>How long the line must stay quiet before its level is taken.</summary>
    public TimeSpan Debounce { get; }

    /// <summary>The debounced state and the time it was entered (or the input was opened).</summary>
    public SensorReading<bool> Current
    {
        get
        {
            lock (_gate)
            {
                return new SensorReading<bool>(_active, _lastChanged);
            }
        }
    }

    /// <summary>Stops listening and closes the pin.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _settleTimer?.Dispose();
            _settleTimer = null;
        }

        if (_controller.IsPinOpen(Pin))
        {
            _controller.UnregisterCallbackForPinValueChangedEvent(Pin, _onEdge);
            _controller.ClosePin(Pin);
        }
    }

    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _lastEdge = _timeProvider.GetUtcNow();
            if (Debounce > TimeSpan.Zero)
            {
                // Every edge restarts the quiet period; the level is read when it ends.
                _settleTimer ??= _timeProvider.CreateTimer(_ => Settle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _settleTimer.Change(Debounce, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Settle();
    }

    private void Settle()
    {
        SensorReading<bool>? change = null;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var active = _controller.Read(Pin) == _activeLevel;
            if (active != _active)
            {
                _active = active;
                _lastChanged = _lastEdge;
                change = new SensorReading<bool>(active, _lastEdge);
            }
        }

        if (change is { } c)
        {
            Changed?.Invoke(c);
        }
    }
}
