namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// A fault between the true physical value and what a simulated chip measures: stuck at the value it had when the fault
/// began, or drifting away from the truth at a constant rate. Off unless turned on. Thread-safe.
/// </summary>
public sealed class SensorFault
{
    private readonly Lock _gate = new();
    private bool _stuck;
    private double? _stuckValue;
    private double _driftPerHour;
    private DateTimeOffset? _driftSince;

    /// <summary>Whether any fault is on.</summary>
    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _stuck || _driftSince is not null;
            }
        }
    }

    /// <summary>The sensor keeps reporting the value it measures next, whatever the world does.</summary>
    public void Stick()
    {
        lock (_gate)
        {
            _stuck = true;
            _stuckValue = null;
        }
    }

    /// <summary>The sensor's error grows by <paramref name="unitsPerHour"/> every simulated hour from now.</summary>
    public void Drift(double unitsPerHour, DateTimeOffset now)
    {
        if (!double.IsFinite(unitsPerHour))
        {
            throw new ArgumentOutOfRangeException(nameof(unitsPerHour), unitsPerHour, "The drift rate must be a finite number.");
        }

        lock (_gate)
        {
            _driftPerHour = unitsPerHour;
            _driftSince = now;
        }
    }

    /// <summary>Clears the fault: the sensor measures the truth again.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _stuck = false;
            _stuckValue = null;
            _driftSince = null;
        }
    }

    /// <summary>What the sensor measures when the truth is <paramref name="trueValue"/> at <paramref name="now"/>.</summary>
    public double Apply(double trueValue, DateTimeOffset now)
    {
        lock (_gate)
        {
            var value = _driftSince is { } since ? trueValue + (_driftPerHour * (now - since).TotalHours) : trueValue;
            if (_stuck)
            {
                _stuckValue ??= value;
                return _stuckValue.Value;
            }

            return value;
        }
    }
}
