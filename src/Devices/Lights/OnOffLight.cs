using System.Device.Gpio;

namespace EdgeAi.Devices.Lights;

/// <summary>
/// A light switched by a GPIO line driving a relay or a MOSFET. The state it reports is read back from the
/// line, never remembered, so it is the truth of the pin.
/// </summary>
/// <remarks>
/// The light's safe state is off: it opens its line driving "off" and drives "off" again when disposed.
/// <see cref="TurnOn"/>, <see cref="TurnOff"/> and <see cref="IsOn"/> may be called from any thread.
/// The controller is not owned: the caller disposes it after the light.
/// </remarks>
public sealed class OnOffLight : IDisposable
{
    private readonly GpioController _controller;
    private readonly PinValue _onLevel;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Opens <paramref name="pin"/> as an output driving the off level.</summary>
    /// <param name="controller">The board's GPIO controller (real or simulated driver).</param>
    /// <param name="pin">Logical GPIO line number.</param>
    /// <param name="activeLow">True when the relay closes on a low level (common on relay boards).</param>
    public OnOffLight(GpioController controller, int pin, bool activeLow = false)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        _controller = controller;
        Pin = pin;
        _onLevel = activeLow ? PinValue.Low : PinValue.High;
        _controller.OpenPin(pin, PinMode.Output, OffLevel);
    }

    /// <summary>Raised after the light's level changed through this instance (new state: true = on).</summary>
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

    /// <summary>Switches the light on.</summary>
    public void TurnOn() => Set(on: true);

    /// <summary>Switches the light off.</summary>
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
