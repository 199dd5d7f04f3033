using System.Device.Pwm;

namespace EdgeAi.Devices.Simulation;

/// <summary>
/// A <see cref="PwmChannel"/> that keeps its frequency, duty cycle and running state in memory, for drivers that take a
/// PWM channel (servo bolt, dimmable light) to run unchanged on the simulated board. Thread-safe.
/// </summary>
public sealed class SimulatedPwmChannel : PwmChannel
{
    private readonly Lock _gate = new();
    private int _frequency;
    private double _dutyCycle;
    private bool _running;

    /// <summary>Creates a stopped channel.</summary>
    /// <param name="frequency">Initial frequency in Hz (a servo uses 50 Hz).</param>
    /// <param name="dutyCycle">Initial duty cycle, 0.0 to 1.0.</param>
    public SimulatedPwmChannel(int frequency = 400, double dutyCycle = 0.0)
    {
        Frequency = frequency;
        DutyCycle = dutyCycle;
    }

    /// <summary>Raised after frequency, duty cycle or running state changed.</summary>
    public event Action<SimulatedPwmChannel>? Changed;

    /// <inheritdoc />
    public override int Frequency
    {
        get
        {
            lock (_gate)
            {
                return _frequency;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Update(() => _frequency = value);
        }
    }

    /// <inheritdoc />
    public override double DutyCycle
    {
        get
        {
            lock (_gate)
            {
                return _dutyCycle;
            }
        }

        set
        {
            if (!double.IsFinite(value) || value < 0.0 || value > 1.0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The duty cycle is a value between 0.0 and 1.0.");
            }

            Update(() => _dutyCycle = value);
        }
    }

    /// <summary>Whether the channel outputs pulses now.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>The share of time the output is high now: the duty cycle while running, 0 when stopped.</summary>
    public double EffectiveDutyCycle
    {
        get
        {
            lock (_gate)
            {
                return _running ? _dutyCycle : 0.0;
            }
        }
    }

    /// <inheritdoc />
    public override void Start() => Update(() => _running = true);

    /// <inheritdoc />
    public override void Stop() => Update(() => _running = false);

    private void Update(Action change)
    {
        lock (_gate)
        {
            change();
        }

        Changed?.Invoke(this);
    }
}
