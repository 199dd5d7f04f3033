using System.Device.Gpio;

namespace EdgeAi.Devices.Actuators;

/// <summary>
/// A relay (or MOSFET) switched by a GPIO output: a heater, a cooler, a bolt motor. Its state is read back from the
/// line, never remembered.
/// </summary>
/// <remarks>
/// <para>Without an initial state, opening a relay does not drive the line: it adopts the level the line already has,
/// so the controller that owns it sees what the hardware is doing after a restart and decides (a thermostat switches a
/// heater it finds on off at once). The simulated board keeps an output's level across a restart, as a latched line
/// does.</para>
/// <para>On a real board, requesting a line as an output can drive a default level (libgpiod requests outputs with a
/// value), so a relay whose level must not change at start (a relay-held bolt) is opened with an initial state read from
/// the hardware it drives, for example from the bolt switch.</para>
/// <para>Disposing drives the off level and releases the line. Members are thread-safe. The controller is not owned.</para>
/// </remarks>
public sealed class Relay : IDisposable
{
    private readonly GpioController _controller;
    private readonly PinValue _onLevel;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Opens <paramref name="pin"/> as an output.</summary>
    /// <param name="controller">The board's GPIO controller (real or simulated driver).</param>
    /// <param name="pin">Logical GPIO line number.</param>
    /// <param name="activeLow">True when the relay closes on a low level (common on relay boards).</param>
    /// <param name="initialOn">The state to open the line in; null adopts the level the line has.</param>
    public Relay(GpioController controller, int pin, bool activeLow = false, bool? initialOn = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        _controller = controller;
        Pin = pin;
        _onLevel = activeLow ? PinValue.Low : PinValue.High;
        if (initialOn is { } on)
        {
            _controller.OpenPin(pin, PinMode.Output, on ? _onLevel : OffLevel);
        }
        else
        {
            _controller.OpenPin(pin, PinMode.Output);
        }
    }

    /// <summary>Raised after the relay switched through this instance (new state: true = on).</summary>
    public event Action<bool>? StateChanged;

    /// <summary>The GPIO line.</summary>
    public int Pin { get; }

    /// <summary>Whether the line drives the "on" level now.</summary>
    public bool IsOn
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _controller.Read(Pin) == _onLevel;
            }
        }
    }

    private PinValue OffLevel => _onLevel == PinValue.High ? PinValue.Low : PinValue.High;

    /// <summary>Closes the relay.</summary>
    public void TurnOn() => Set(on: true);

    /// <summary>Opens the relay.</summary>
    public void TurnOff() => Set(on: false);

    /// <summary>Drives the line to <paramref name="on"/>; does nothing when it is already there.</summary>
    public void Set(bool on)
    {
        bool changed;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var level = on ? _onLevel : OffLevel;
            changed = _controller.Read(Pin) != level;
            if (changed)
            {
                _controller.Write(Pin, level);
            }
        }

        if (changed)
        {
            StateChanged?.Invoke(on);
        }
    }

    /// <summary>Drives the safe (off) level and releases the line.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_controller.IsPinOpen(Pin))
            {
                _controller.Write(Pin, OffLevel);
                _controller.ClosePin(Pin);
            }
        }
    }
}
