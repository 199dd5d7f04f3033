namespace EdgeAi.Devices.Sensors;

/// <summary>
/// Reads a sensor every <see cref="Interval"/> on a <see cref="TimeProvider"/>, retrying a failed attempt with the
/// backoff of a <see cref="SensorRetryPolicy"/>. A poll whose attempts all fail makes the sensor unavailable; it never
/// repeats the last value as if it were new. This is what a host publishes from.
/// </summary>
/// <remarks>
/// For drivers with a synchronous single-attempt read (<c>Bme280.TryRead</c>, <c>Sht3x.TryRead</c>,
/// <c>Bh1750.TryReadIlluminance</c>, <c>ITemperatureSensor.TryReadTemperature</c>). Reads run on timer callbacks, one at
/// a time. Events are raised on the timer's thread, outside the internal lock. The sensor is not owned.
/// </remarks>
/// <typeparam name="T">The reading type.</typeparam>
public sealed class SensorPoller<T> : IDisposable
    where T : struct
{
    private readonly TryReadFunc<T> _tryRead;
    private readonly SensorRetryPolicy _retry;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private int _attempt;
    private T? _latest;
    private bool _available;
    private bool _unavailableReported;
    private bool _disposed;

    /// <summary>Creates the poller; nothing is read until <see cref="Start"/>.</summary>
    /// <param name="tryRead">The driver's single-attempt read.</param>
    /// <param name="interval">Time from one poll to the next.</param>
    /// <param name="retry">Retries within one poll; <see cref="SensorRetryPolicy"/> defaults when null.</param>
    /// <param name="timeProvider">The clock polls and retries run on.</param>
    public SensorPoller(TryReadFunc<T> tryRead, TimeSpan interval, SensorRetryPolicy? retry, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(tryRead);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _retry = retry ?? new SensorRetryPolicy();
        _retry.Validate();
        _tryRead = tryRead;
        _timeProvider = timeProvider;
        Interval = interval;
    }

    /// <summary>Raised with each new reading.</summary>
    public event Action<T>? ReadingAvailable;

    /// <summary>Raised once when a poll runs out of attempts, and again only after a reading came in between.</summary>
    public event Action? BecameUnavailable;

    /// <summary>Time from one poll to the next.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The newest reading while the sensor is available; null before the first and while unavailable.</summary>
    public T? Latest
    {
        get
        {
            lock (_gate)
            {
                return _available ? _latest : null;
            }
        }
    }

    /// <summary>Whether the last poll produced a reading.</summary>
    public bool IsAvailable
    {
        get
        {
            lock (_gate)
            {
                return _available;
            }
        }
    }

    /// <summary>Polls now and then every <see cref="Interval"/>.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_timer is not null)
            {
                return;
            }

            _timer = _timeProvider.CreateTimer(_ => Attempt(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        Attempt();
    }

    /// <summary>Stops polling.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Attempt()
    {
        T? reading = null;
        var lost = false;
        lock (_gate)
        {
            if (_disposed || _timer is null)
            {
                return;
            }

            _attempt++;
            if (_tryRead(out var value))
            {
                _attempt = 0;
                _latest = value;
                _available = true;
                _unavailableReported = false;
                reading = value;
                _timer.Change(Interval, Timeout.InfiniteTimeSpan);
            }
            else if (_attempt < _retry.MaxAttempts)
            {
                _timer.Change(_retry.DelayBefore(_attempt + 1), Timeout.InfiniteTimeSpan);
            }
            else
            {
                // Every attempt of this poll failed: report it, and try again at the next poll.
                _attempt = 0;
                lost = !_unavailableReported;
                _unavailableReported = true;
                _available = false;
                _timer.Change(Interval, Timeout.InfiniteTimeSpan);
            }
        }

        if (reading is { } r)
        {
            ReadingAvailable?.Invoke(r);
        }
        else if (lost)
        {
            BecameUnavailable?.Invoke();
        }
    }
}
