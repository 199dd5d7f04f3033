namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// Fault injection hooks of the simulated house, all off unless a test or a scenario turns them on. I2C NACKs and
/// corrupted bytes are on each chip's own <c>Faults</c>; a bolt jam is <see cref="SimulatedBolt.Jammed"/>.
/// </summary>
public sealed class HouseFaults
{
    private readonly Lock _gate = new();
    private RelayFault _heaterRelay;
    private double _pinNoiseProbability;

    /// <summary>Between the living-room air temperature and the BME280 (and SCD4x temperature).</summary>
    public SensorFault LivingTemperature { get; } = new();

    /// <summary>Between the living-room CO2 and the SCD4x.</summary>
    public SensorFault LivingCo2 { get; } = new();

    /// <summary>Between the living-room illuminance and the BH1750.</summary>
    public SensorFault LivingLux { get; } = new();

    /// <summary>The heater relay's contact.</summary>
    public RelayFault HeaterRelay
    {
        get
        {
            lock (_gate)
            {
                return _heaterRelay;
            }
        }

        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown relay fault.");
            }

            lock (_gate)
            {
                _heaterRelay = value;
            }
        }
    }

    /// <summary>
    /// Probability per physics step that each world-driven input line (PIRs, door and window contacts) shows a 2 ms
    /// glitch to the opposite level, as interference on a long unshielded sensor cable does. 0 (off) to 1.
    /// </summary>
    public double PinNoiseProbability
    {
        get
        {
            lock (_gate)
            {
                return _pinNoiseProbability;
            }
        }

        set
        {
            if (!double.IsFinite(value) || value < 0 || value > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A probability lies between 0 and 1.");
            }

            lock (_gate)
            {
                _pinNoiseProbability = value;
            }
        }
    }
}
