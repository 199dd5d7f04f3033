using System.Device.Gpio;
using EdgeAi.Devices.Actuators;

namespace EdgeAi.Devices.Lights;

/// <summary>
/// A light switched by a GPIO line driving a relay or a MOSFET: a <see cref="Relay"/> that opens off and is switched
/// off again when disposed. The state it reports is read back from the line, never remembered.
/// </summary>
/// <remarks>
/// <see cref="TurnOn"/>, <see cref="TurnOff"/> and <see cref="IsOn"/> may be called from any thread.
/// The controller is not owned: the caller disposes it after the light.
/// </remarks>
public sealed class OnOffLight : IDisposable
{
    private readonly Relay _relay;

    /// <summary>Opens <paramref name="pin"/> as an output driving the off level.</summary>
    /// <param name="controller">The board's GPIO controller (real or simulated driver).</param>
    /// <param name="pin">Logical GPIO line number.</param>
    /// <param name="activeLow">True when the relay closes on a low level (common on relay boards).</param>
    public OnOffLight(GpioController controller, int pin, bool activeLow = false)
    {
        _relay = new Relay(controller, pin, activeLow, initialOn: false);
        _relay.StateChanged += on => StateChanged?.Invoke(on);
    }

    /// <summary>Raised after the light's level changed through this instance (new state: true = on).</summary>
    public event Action<bool>? StateChanged;

    /// <summary>The GPIO line.</summary>
    public int Pin => _relay.Pin;

    /// <summary>Whether the line drives the "on" level now.</summary>
    public bool IsOn => _relay.IsOn;

    /// <summary>Switches the light on.</summary>
    public void TurnOn() => _relay.TurnOn();

    /// <summary>Switches the light off.</summary>
    public void TurnOff() => _relay.TurnOff();

    /// <summary>Drives the line to <paramref name="on"/>; does nothing when it is already there.</summary>
    public void Set(bool on) => _relay.Set(on);

    /// <summary>Drives the safe (off) level and releases the line.</summary>
    public void Dispose() => _relay.Dispose();
}
