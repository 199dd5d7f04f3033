using System.Globalization;
using EdgeAi.Devices.Actuators;
using EdgeAi.Devices.Sensors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAi.Devices.Climate;

/// <summary>
/// A thermostat over a temperature sensor, a heater relay and an optional cooler relay, driven by a
/// <see cref="TimeProvider"/>: every <see cref="ThermostatOptions.ControlPeriod"/> it reads the sensor and decides the relays.
/// </summary>
/// <remarks>
/// <para>Switching rules, with T the reading, S the target and h the hysteresis:
/// heat: on at T &lt;= S - h, off at T &gt;= S + h; cool: on at T &gt;= S + h, off at T &lt;= S - h;
/// auto: heating on at T &lt;= S - h and off at T &gt;= S, cooling on at T &gt;= S + h and off at T &lt;= S, so the two never
/// want to run together. A relay stays in a state at least <see cref="ThermostatOptions.MinimumCycle"/> before a normal
/// switch; a relay on for <see cref="ThermostatOptions.MaximumRunTime"/> goes off and rests for
/// <see cref="ThermostatOptions.Cooldown"/>.</para>
/// <para>Fail-safe: a NaN or infinite reading, a reading outside the plausible range, no reading yet, or a newest valid
/// reading older than <see cref="ThermostatOptions.StaleAfter"/> switches every relay off at once (no minimum cycle) and
/// sets <see cref="ThermostatState.Fault"/>; control resumes when valid readings return. When created, the controller
/// switches any relay it finds on off at once and restores mode and target from the store; <see cref="Start"/> begins
/// control. Mode off, a mode change away from a relay's function and <see cref="Dispose"/> switch off at once too.</para>
/// <para>Commands that fail validation throw and change nothing; valid ones are saved before they are applied. Members
/// are thread-safe; <see cref="StateChanged"/> is raised outside the internal lock. The relays and the sensor are not owned.</para>
/// </remarks>
public sealed class ThermostatController : IDisposable
{
    private readonly string _name;
    private readonly TemperatureReadingGuard _readings;
    private readonly RelayChannel _heater;
    private readonly RelayChannel? _cooler;
    private readonly ThermostatOptions _options;
    private readonly IThermostatSettingsStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private ThermostatMode _mode;
    private double _target;
    private ThermostatFault _fault = ThermostatFault.NoReading;
    private ThermostatState _state;
    private bool _disposed;

    /// <summary>Validates the options, switches any relay found on off, and restores the saved mode and target.</summary>
    /// <param name="name">Name for logs (the entity id).</param>
    /// <param name="sensor">The room temperature source.</param>
    /// <param name="heater">The heater relay.</param>
    /// <param name="cooler">The cooler relay, if there is one (modes cool and auto need it).</param>
    /// <param name="options">Limits and timing; validated here.</param>
    /// <param name="store">Where mode and target persist.</param>
    /// <param name="timeProvider">The clock the control period, timing rules and staleness run on.</param>
    /// <param name="logger">Optional logger.</param>
    /// <exception cref="ArgumentException">An option is inconsistent (named in the message).</exception>
    public ThermostatController(
        string name,
        ITemperatureSensor sensor,
        Relay heater,
        Relay? cooler,
        ThermostatOptions options,
        IThermostatSettingsStore store,
        TimeProvider timeProvider,
        ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(heater);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _name = name;
        _heater = new RelayChannel(heater);
        _cooler = cooler is null ? null : new RelayChannel(cooler);
        _options = options;
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _readings = new TemperatureReadingGuard(sensor, options, _logger, name);

        var now = timeProvider.GetUtcNow();
        foreach (var channel in Channels())
        {
            if (channel.IsOn)
            {
                ThermostatLog.RelayFoundOnAtStart(_logger, _name);
                channel.ForceOff(now);
            }
        }

        (_mode, _target) = Restore(store.Load());
        _state = Snapshot();
    }

    /// <summary>Raised after the state snapshot changed.</summary>
    public event Action<ThermostatState>? StateChanged;

    /// <summary>The current snapshot.</summary>
    public ThermostatState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The options the controller runs with.</summary>
    public ThermostatOptions Options => _options;

    /// <summary>Runs the first control step now and then one every control period.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_timer is not null)
            {
                return;
            }

            _timer = _timeProvider.CreateTimer(_ => Step(), null, _options.ControlPeriod, _options.ControlPeriod);
        }

        Step();
    }

    /// <summary>Sets the target temperature.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The target is not a number or lies outside min_temp..max_temp; nothing changes.</exception>
    public void SetTargetTemperature(double celsius)
    {
        if (!TrySetTargetTemperature(celsius, out var error))
        {
            throw new ArgumentOutOfRangeException(nameof(celsius), celsius, error);
        }
    }

    /// <summary>Sets the target temperature, or explains why not.</summary>
    /// <param name="celsius">The new target, °C.</param>
    /// <param name="error">Why it was rejected, naming the limits; null when accepted.</param>
    /// <returns>Whether the target was accepted (saved and applied).</returns>
    public bool TrySetTargetTemperature(double celsius, out string? error)
    {
        error = TargetError(celsius);
        if (error is not null)
        {
            return false;
        }

        Apply(() =>
        {
            _store.Save(new ThermostatSettings(_mode, celsius));
            _target = celsius;
        });
        return true;
    }

    /// <summary>Sets the mode.</summary>
    /// <exception cref="ArgumentException">The mode is unknown, or needs a cooler relay this thermostat lacks; nothing changes.</exception>
    public void SetMode(ThermostatMode mode)
    {
        if (!TrySetMode(mode, out var error))
        {
            throw new ArgumentException(error, nameof(mode));
        }
    }

    /// <summary>Sets the mode, or explains why not.</summary>
    /// <param name="mode">The new mode.</param>
    /// <param name="error">Why it was rejected; null when accepted.</param>
    /// <returns>Whether the mode was accepted (saved and applied).</returns>
    public bool TrySetMode(ThermostatMode mode, out string? error)
    {
        error = ModeError(mode);
        if (error is not null)
        {
            return false;
        }

        Apply(() =>
        {
            _store.Save(new ThermostatSettings(mode, _target));
            _mode = mode;
        });
        return true;
    }

    /// <summary>Stops control and switches every relay off.</summary>
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
            var now = _timeProvider.GetUtcNow();
            foreach (var channel in Channels())
            {
                channel.ForceOff(now);
            }
        }
    }

    private IEnumerable<RelayChannel> Channels() => _cooler is null ? [_heater] : [_heater, _cooler];

    private string? TargetError(double celsius)
    {
        if (!double.IsFinite(celsius) || celsius < _options.MinTemperature || celsius > _options.MaxTemperature)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"Target {celsius} °C rejected: it must lie within min_temp {_options.MinTemperature} °C and max_temp {_options.MaxTemperature} °C. Nothing was changed.");
        }

        return null;
    }

    private string? ModeError(ThermostatMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            return $"Unknown thermostat mode {(int)mode}; use off, heat, cool or auto.";
        }

        return mode is ThermostatMode.Cool or ThermostatMode.Auto && _cooler is null
            ? $"Mode {mode.ToString().ToLowerInvariant()} needs a cooler relay; thermostat {_name} has only a heater."
            : null;
    }

    private (ThermostatMode Mode, double Target) Restore(ThermostatSettings? saved)
    {
        if (saved is null)
        {
            return (ThermostatMode.Off, _options.DefaultTarget);
        }

        var reason = ModeError(saved.Mode) ?? TargetError(saved.TargetCelsius);
        if (reason is not null)
        {
            ThermostatLog.SavedSettingsIgnored(_logger, _name, reason);
            return (ThermostatMode.Off, _options.DefaultTarget);
        }

        return (saved.Mode, saved.TargetCelsius);
    }

    private void Apply(Action change)
    {
        ThermostatState? changed;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            change();
            changed = _timer is null ? Publish() : Evaluate();
        }

        Raise(changed);
    }

    private void Step()
    {
        ThermostatState? changed;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _readings.Read();
            changed = Evaluate();
        }

        Raise(changed);
    }

    private void Raise(ThermostatState? changed)
    {
        if (changed is not null)
        {
            StateChanged?.Invoke(changed);
        }
    }

    /// <summary>Decides the relays from the last reading; returns the new snapshot when it changed.</summary>
    private ThermostatState? Evaluate()
    {
        var now = _timeProvider.GetUtcNow();
        var fault = _readings.FaultAt(now);
        if (fault != _fault)
        {
            if (fault == ThermostatFault.None)
            {
                ThermostatLog.FaultCleared(_logger, _name);
            }
            else
            {
                ThermostatLog.FaultRaised(_logger, _name, fault);
            }

            _fault = fault;
        }

        if (fault != ThermostatFault.None)
        {
            _heater.ForceOff(now);
            _cooler?.ForceOff(now);
        }
        else
        {
            Control(_readings.LastValid!.Value.Value.DegreesCelsius, now);
        }

        return Publish();
    }

    private void Control(double t, DateTimeOffset now)
    {
        var s = _target;
        var h = _options.Hysteresis;
        switch (_mode)
        {
            case ThermostatMode.Heat:
                _cooler?.ForceOff(now);
                Drive(_heater, _heater.IsOn ? t < s + h : t <= s - h, now);
                break;
            case ThermostatMode.Cool:
                _heater.ForceOff(now);
                Drive(_cooler!, _cooler!.IsOn ? t > s - h : t >= s + h, now);
                break;
            case ThermostatMode.Auto:
                Drive(_heater, _heater.IsOn ? t < s : t <= s - h, now);
                Drive(_cooler!, _cooler!.IsOn ? t > s : t >= s + h, now);
                break;
            default:
                _heater.ForceOff(now);
                _cooler?.ForceOff(now);
                break;
        }
    }

    private void Drive(RelayChannel channel, bool wantOn, DateTimeOffset now)
    {
        channel.Observe(now);
        if (channel.IsOn)
        {
            if (channel.OnSince is { } since && now - since >= _options.MaximumRunTime)
            {
                ThermostatLog.MaximumRunTimeReached(_logger, _name);
                channel.ForceOff(now);
                channel.CooldownUntil = now + _options.Cooldown;
            }
            else if (!wantOn && channel.MinimumCycleElapsed(now, _options.MinimumCycle))
            {
                channel.Switch(false, now);
            }
        }
        else if (wantOn && now >= channel.CooldownUntil && channel.MinimumCycleElapsed(now, _options.MinimumCycle))
        {
            channel.Switch(true, now);
        }
    }

    private ThermostatState? Publish()
    {
        var state = Snapshot();
        if (state == _state)
        {
            return null;
        }

        _state = state;
        return state;
    }

    private ThermostatState Snapshot()
    {
        var heaterOn = _heater.IsOn;
        var coolerOn = _cooler?.IsOn ?? false;
        var action = _mode == ThermostatMode.Off || _fault != ThermostatFault.None
            ? ThermostatAction.Off
            : heaterOn ? ThermostatAction.Heating : coolerOn ? ThermostatAction.Cooling : ThermostatAction.Idle;
        return new ThermostatState(_mode, _target, _readings.LastValid?.Value, action, _fault, heaterOn, coolerOn);
    }
}
