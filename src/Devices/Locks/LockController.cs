using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Sensors.Gpio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAi.Devices.Locks;

/// <summary>
/// A door lock: a bolt moved by an <see cref="IBoltDrive"/> (relay or servo), a bolt-position switch that closes when
/// the bolt is fully thrown, and optionally the door's contact. States follow Home Assistant's MQTT lock.
/// </summary>
/// <remarks>
/// <para>At start-up the lock reads the bolt switch and reports LOCKED or UNLOCKED; it never moves the bolt. Only
/// <see cref="Lock"/> and <see cref="Unlock"/> move it. A commanded move that the switch does not confirm within
/// <see cref="LockOptions.ConfirmTimeout"/> ends in JAMMED and the drive is told to stop pushing.</para>
/// <para>The state is the truth of the switch, not the last command: when the bolt moves without a command (a key, a
/// forced door) the state follows the switch. Whether the door stands open is reported beside the state, never as a
/// lock state. With a single "thrown" switch, an unlock is confirmed once the bolt has left the thrown position.</para>
/// <para>Members are thread-safe; <see cref="StateChanged"/> is raised outside the internal lock. The drive, the switch
/// and the door contact are not owned.</para>
/// </remarks>
public sealed class LockController : IDisposable
{
    private readonly string _name;
    private readonly IBoltDrive _drive;
    private readonly DebouncedInput _boltSwitch;
    private readonly ContactSensor? _door;
    private readonly LockOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ITimer? _confirmTimer;
    private long _move;
    private LockState _state;
    private DateTimeOffset _since;
    private LockSnapshot _snapshot;
    private bool _disposed;

    /// <summary>Reads the bolt switch and reports what it finds; does not move the bolt.</summary>
    /// <param name="name">Name for logs and errors (the entity id).</param>
    /// <param name="drive">What moves the bolt.</param>
    /// <param name="boltSwitch">Input that is active while the bolt is fully thrown.</param>
    /// <param name="door">The door's contact, if there is one.</param>
    /// <param name="options">Timing and rules; validated here.</param>
    /// <param name="timeProvider">Clock for the confirmation timeout and timestamps.</param>
    /// <param name="logger">Optional logger.</param>
    public LockController(
        string name,
        IBoltDrive drive,
        DebouncedInput boltSwitch,
        ContactSensor? door,
        LockOptions options,
        TimeProvider timeProvider,
        ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(drive);
        ArgumentNullException.ThrowIfNull(boltSwitch);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _name = name;
        _drive = drive;
        _boltSwitch = boltSwitch;
        _door = door;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger.Instance;

        _state = boltSwitch.Current.Value ? LockState.Locked : LockState.Unlocked;
        _since = timeProvider.GetUtcNow();
        _snapshot = Snapshot();
        _boltSwitch.Changed += OnBoltSwitchChanged;
        if (_door is not null)
        {
            _door.OpenChanged += OnDoorChanged;
        }

        LockLog.Started(_logger, _name, _state);
    }

    /// <summary>Raised after the snapshot changed.</summary>
    public event Action<LockSnapshot>? StateChanged;

    /// <summary>The current snapshot.</summary>
    public LockSnapshot State
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>Throws the bolt.</summary>
    /// <exception cref="InvalidOperationException">The door is open (with <see cref="LockOptions.RefuseLockWhileDoorOpen"/>); nothing moves.</exception>
    public void Lock() => Move(BoltPosition.Thrown);

    /// <summary>Retracts the bolt.</summary>
    public void Unlock() => Move(BoltPosition.Retracted);

    /// <summary>Stops listening; the bolt stays where it is.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _confirmTimer?.Dispose();
            _confirmTimer = null;
        }

        _boltSwitch.Changed -= OnBoltSwitchChanged;
        if (_door is not null)
        {
            _door.OpenChanged -= OnDoorChanged;
        }
    }

    private void Move(BoltPosition target)
    {
        LockSnapshot? changed;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (target == BoltPosition.Thrown && _options.RefuseLockWhileDoorOpen && _door is { Open.Value: true })
            {
                throw new InvalidOperationException($"Lock {_name}: the door is open; close it before locking. The bolt was not moved.");
            }

            var confirmed = _boltSwitch.Current.Value == (target == BoltPosition.Thrown);
            if (confirmed && _state is LockState.Locked or LockState.Unlocked)
            {
                // Already there by the switch's own account: nothing to move.
                return;
            }

            var move = ++_move;
            Enter(target == BoltPosition.Thrown ? LockState.Locking : LockState.Unlocking);
            _confirmTimer?.Dispose();
            _confirmTimer = _timeProvider.CreateTimer(_ => OnConfirmTimeout(move, target), null, _options.ConfirmTimeout, Timeout.InfiniteTimeSpan);
            _drive.Drive(target);
            Confirm(_boltSwitch.Current.Value);
            changed = Publish();
        }

        Raise(changed);
    }

    private void OnBoltSwitchChanged(SensorReading<bool> thrown)
    {
        LockSnapshot? changed;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_state is LockState.Locking or LockState.Unlocking)
            {
                Confirm(thrown.Value);
            }
            else
            {
                var truth = thrown.Value ? LockState.Locked : LockState.Unlocked;
                if (truth != _state)
                {
                    if (_state != LockState.Jammed)
                    {
                        LockLog.MovedWithoutCommand(_logger, _name, truth);
                    }

                    Enter(truth);
                }
            }

            changed = Publish();
        }

        Raise(changed);
    }

    private void OnDoorChanged(SensorReading<bool> open)
    {
        LockSnapshot? changed;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (open.Value && _boltSwitch.Current.Value)
            {
                LockLog.DoorOpenWhileBoltThrown(_logger, _name);
            }

            changed = Publish();
        }

        Raise(changed);
    }

    private void OnConfirmTimeout(long move, BoltPosition target)
    {
        LockSnapshot? changed;
        lock (_gate)
        {
            if (_disposed || move != _move || _state is not (LockState.Locking or LockState.Unlocking))
            {
                return;
            }

            LockLog.Jammed(_logger, _name, target, _options.ConfirmTimeout);
            Enter(LockState.Jammed);
            _drive.StopPushing();
            changed = Publish();
        }

        Raise(changed);
    }

    /// <summary>Ends a move when the switch shows its target.</summary>
    private void Confirm(bool thrown)
    {
        var done = (_state == LockState.Locking && thrown) || (_state == LockState.Unlocking && !thrown);
        if (!done)
        {
            return;
        }

        _confirmTimer?.Dispose();
        _confirmTimer = null;
        Enter(thrown ? LockState.Locked : LockState.Unlocked);
    }

    private void Enter(LockState state)
    {
        _state = state;
        _since = _timeProvider.GetUtcNow();
    }

    private LockSnapshot? Publish()
    {
        var snapshot = Snapshot();
        if (snapshot == _snapshot)
        {
            return null;
        }

        _snapshot = snapshot;
        return snapshot;
    }

    private LockSnapshot Snapshot() =>
        new(_state, _boltSwitch.Current.Value, _door?.Open.Value ?? false, _since);

    private void Raise(LockSnapshot? changed)
    {
        if (changed is not null)
        {
            StateChanged?.Invoke(changed);
        }
    }
}
