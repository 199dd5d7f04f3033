using System.Device.Pwm;

namespace EdgeAi.Devices.Lights;

/// <summary>
/// A light dimmed by a <see cref="PwmChannel"/> (an LED driver's PWM input or a MOSFET), with brightness in percent
/// mapped to duty through a gamma curve and a minimum duty.
/// </summary>
/// <remarks>
/// The safe state is off: the channel is set to duty 0 and stopped when the light is created and when it is disposed.
/// Invalid brightness throws and changes nothing. Members are thread-safe; <see cref="StateChanged"/> is raised outside
/// the internal lock. The channel is not owned.
/// </remarks>
public sealed class DimmableLight : IDisposable
{
    private readonly PwmChannel _channel;
    private readonly DimmableLightOptions _options;
    private readonly Lock _gate = new();
    private DimmableLightState _state = new(false, 100.0);
    private bool _disposed;

    /// <summary>Configures the channel and leaves the light off.</summary>
    public DimmableLight(PwmChannel channel, DimmableLightOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _options = options ?? new DimmableLightOptions();
        _options.Validate();
        _channel = channel;
        _channel.Frequency = _options.Frequency;
        _channel.DutyCycle = 0.0;
        _channel.Stop();
    }

    /// <summary>Raised after the state changed.</summary>
    public event Action<DimmableLightState>? StateChanged;

    /// <summary>The current state.</summary>
    public DimmableLightState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The duty cycle a brightness maps to (0 for 0 %).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The brightness is not within 0..100.</exception>
    public double DutyCycleFor(double brightness)
    {
        ThrowIfNotBrightness(brightness);
        if (brightness == 0.0)
        {
            return 0.0;
        }

        var min = _options.MinDutyCycle;
        return min + ((1.0 - min) * Math.Pow(brightness / 100.0, _options.Gamma));
    }

    /// <summary>Sets the brightness; 0 switches the light off (and keeps the previous level for <see cref="TurnOn"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The brightness is not within 0..100; nothing changes.</exception>
    public void SetBrightness(double brightness)
    {
        ThrowIfNotBrightness(brightness);
        Apply(current => brightness == 0.0 ? current with { IsOn = false } : new DimmableLightState(true, brightness));
    }

    /// <summary>Switches on at the last brightness (100 % the first time).</summary>
    public void TurnOn() => Apply(current => current with { IsOn = true });

    /// <summary>Switches off, keeping the brightness for the next <see cref="TurnOn"/>.</summary>
    public void TurnOff() => Apply(current => current with { IsOn = false });

    /// <summary>Switches the light off and stops the channel.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _channel.DutyCycle = 0.0;
            _channel.Stop();
        }
    }

    private static void ThrowIfNotBrightness(double brightness)
    {
        if (!double.IsFinite(brightness) || brightness < 0.0 || brightness > 100.0)
        {
            throw new ArgumentOutOfRangeException(nameof(brightness), brightness, "Brightness is a percentage, 0 to 100.");
        }
    }

    private void Apply(Func<DimmableLightState, DimmableLightState> change)
    {
        DimmableLightState? changed = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var next = change(_state);
            if (next != _state)
            {
                if (next.IsOn)
                {
                    _channel.DutyCycle = DutyCycleFor(next.Brightness);
                    _channel.Start();
                }
                else
                {
                    _channel.DutyCycle = 0.0;
                    _channel.Stop();
                }

                _state = next;
                changed = next;
            }
        }

        if (changed is { } state)
        {
            StateChanged?.Invoke(state);
        }
    }
}
