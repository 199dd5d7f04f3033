using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Sensors.Gpio;

namespace EdgeAi.Devices.Lights;

/// <summary>
/// A smart-city streetlight: a <see cref="DimmableLight"/> that is off by day, at a dim night level by night, and at full
/// brightness while a PIR sees motion at night and for a while after. A manual command overrides the schedule until the
/// next schedule boundary (dusk or dawn), then the schedule takes over again.
/// </summary>
/// <remarks>
/// Driven by the <see cref="TimeProvider"/>: one timer is armed for the next moment anything can change (a boundary,
/// the end of a boost or of an override). Members are thread-safe; <see cref="StateChanged"/> is raised outside the
/// internal lock. The light and the PIR are not owned.
/// </remarks>
public sealed class StreetlightController : IDisposable
{
    private readonly DimmableLight _light;
    private readonly PirMotionSensor? _motion;
    private readonly StreetlightOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly TimeZoneInfo _zone;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private bool _motionActive;
    private DateTimeOffset _boostUntil = DateTimeOffset.MinValue;
    private double? _manualLevel;
    private DateTimeOffset _manualUntil;
    private StreetlightState _state = new(StreetlightMode.Day, 0.0, null);
    private bool _disposed;

    /// <summary>Creates the controller; nothing changes on the light until <see cref="Start"/>.</summary>
    public StreetlightController(DimmableLight light, PirMotionSensor? motion, StreetlightOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(light);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _light = light;
        _motion = motion;
        _options = options;
        _timeProvider = timeProvider;
        _zone = options.TimeZone ?? timeProvider.LocalTimeZone;
    }

    /// <summary>Raised after the state changed.</summary>
    public event Action<StreetlightState>? StateChanged;

    /// <summary>The current state.</summary>
    public StreetlightState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Applies the schedule now and follows it from here on.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_timer is not null)
            {
                return;
            }

            _timer = _timeProvider.CreateTimer(_ => Update(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (_motion is not null)
            {
                _motionActive = _motion.Motion.Value;
                _motion.MotionChanged += OnMotion;
            }
        }

        Update();
    }

    /// <summary>Holds <paramref name="brightness"/> until the next schedule boundary.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The brightness is not within 0..100; nothing changes.</exception>
    public void SetManual(double brightness)
    {
        if (!double.IsFinite(brightness) || brightness < 0.0 || brightness > 100.0)
        {
            throw new ArgumentOutOfRangeException(nameof(brightness), brightness, "Brightness is a percentage, 0 to 100.");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _manualLevel = brightness;
            _manualUntil = NextBoundary(_timeProvider.GetUtcNow());
        }

        Update();
    }

    /// <summary>Stops following the schedule; the light keeps its level (the host disposes the light to switch it off).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }

        if (_motion is not null)
        {
            _motion.MotionChanged -= OnMotion;
        }
    }

    /// <summary>Whether <paramref name="time"/> falls in the scheduled night.</summary>
    internal bool IsNight(DateTimeOffset time)
    {
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, _zone).DateTime);
        return _options.NightStart < _options.NightEnd
            ? local >= _options.NightStart && local < _options.NightEnd
            : local >= _options.NightStart || local < _options.NightEnd;
    }

    /// <summary>The first dusk or dawn strictly after <paramref name="time"/>.</summary>
    internal DateTimeOffset NextBoundary(DateTimeOffset time)
    {
        var localDate = TimeZoneInfo.ConvertTime(time, _zone).Date;
        var next = DateTimeOffset.MaxValue;
        for (var day = 0; day <= 2; day++)
        {
            foreach (var boundary in (ReadOnlySpan<TimeOnly>)[_options.NightStart, _options.NightEnd])
            {
                var local = localDate.AddDays(day) + boundary.ToTimeSpan();
                if (_zone.IsInvalidTime(local))
                {
                    // Skipped by a daylight-saving jump: the boundary happens when the clock resumes.
                    local = local.AddHours(1);
                }

                var candidate = new DateTimeOffset(local, _zone.GetUtcOffset(local));
                if (candidate > time && candidate < next)
                {
                    next = candidate;
                }
            }
        }

        return next;
    }

    private void OnMotion(SensorReading<bool> motion)
    {
        lock (_gate)
        {
            _motionActive = motion.Value;
            if (!motion.Value)
            {
                _boostUntil = motion.Timestamp + _options.BoostDuration;
            }
        }

        Update();
    }

    private void Update()
    {
        StreetlightState? changed = null;
        lock (_gate)
        {
            if (_disposed || _timer is null)
            {
                return;
            }

            var now = _timeProvider.GetUtcNow();
            if (_manualLevel is not null && now >= _manualUntil)
            {
                _manualLevel = null;
            }

            StreetlightState next;
            if (_manualLevel is { } manual)
            {
                next = new StreetlightState(StreetlightMode.Manual, manual, _manualUntil);
            }
            else if (!IsNight(now))
            {
                next = new StreetlightState(StreetlightMode.Day, 0.0, null);
            }
            else if (_motionActive || now < _boostUntil)
            {
                next = new StreetlightState(StreetlightMode.Boost, _options.BoostLevel, null);
            }
            else
            {
                next = new StreetlightState(StreetlightMode.Night, _options.NightLevel, null);
            }

            _light.SetBrightness(next.Brightness);
            if (next != _state)
            {
                _state = next;
                changed = next;
            }

            var wake = NextBoundary(now);
            if (_manualLevel is not null && _manualUntil < wake)
            {
                wake = _manualUntil;
            }

            if (!_motionActive && _boostUntil > now && _boostUntil < wake)
            {
                wake = _boostUntil;
            }

            _timer.Change(wake - now, Timeout.InfiniteTimeSpan);
        }

        if (changed is not null)
        {
            StateChanged?.Invoke(changed);
        }
    }
}
