namespace EdgeAi.Devices.Sensors;

/// <summary>
/// Counts a sensor's successful and failed reads, so a host can publish a sensor's health and an operator can see
/// a flaky bus. Thread-safe.
/// </summary>
public sealed class SensorReadStatistics
{
    private readonly Lock _gate = new();
    private long _successes;
    private long _failures;
    private int _consecutiveFailures;
    private SensorReadFailure _lastFailure;

    /// <summary>Reads that returned a value.</summary>
    public long Successes
    {
        get
        {
            lock (_gate)
            {
                return _successes;
            }
        }
    }

    /// <summary>Reads that returned no value, whatever the reason.</summary>
    public long Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures;
            }
        }
    }

    /// <summary>Failures since the last success; 0 after a success.</summary>
    public int ConsecutiveFailures
    {
        get
        {
            lock (_gate)
            {
                return _consecutiveFailures;
            }
        }
    }

    /// <summary>The reason of the most recent failure (<see cref="SensorReadFailure.None"/> if there was none).</summary>
    public SensorReadFailure LastFailure
    {
        get
        {
            lock (_gate)
            {
                return _lastFailure;
            }
        }
    }

    /// <summary>Records a successful read.</summary>
    public void RecordSuccess()
    {
        lock (_gate)
        {
            _successes++;
            _consecutiveFailures = 0;
        }
    }

    /// <summary>Records a failed read and its reason.</summary>
    public void RecordFailure(SensorReadFailure reason)
    {
        if (reason == SensorReadFailure.None)
        {
            throw new ArgumentException("A failure needs a reason.", nameof(reason));
        }

        lock (_gate)
        {
            _failures++;
            _consecutiveFailures++;
            _lastFailure = reason;
        }
    }
}
