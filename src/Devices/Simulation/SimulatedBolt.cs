using System.Device.Gpio;
using EdgeAi.Devices.Locks;

namespace EdgeAi.Devices.Simulation;

/// <summary>
/// The mechanics of a bolt on the simulated board: it follows the relay pin or servo channel that drives it over a
/// travel time and closes the bolt-position switch (a simulated input pin) when fully thrown. It can be jammed, and
/// moved by hand (a key, a forced door) without any command.
/// </summary>
/// <remarks>
/// The switch opens once the bolt has travelled a tenth of the way out of the thrown position, as an end-of-travel
/// microswitch does. Movement is timed on the <see cref="TimeProvider"/>. Thread-safe.
/// </remarks>
public sealed class SimulatedBolt : IDisposable
{
    private readonly SimulatedGpioDriver _driver;
    private readonly int _switchPin;
    private readonly PinValue _thrownLevel;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly List<Action> _detach = [];
    private ITimer? _movement;
    private BoltPosition? _target;
    private BoltPosition? _driven;
    private bool _thrown;
    private bool _jammed;

    /// <summary>Creates the bolt and sets its switch pin to match <paramref name="initiallyThrown"/>.</summary>
    /// <param name="driver">The simulated board.</param>
    /// <param name="switchPin">The input pin the bolt-position switch is wired to.</param>
    /// <param name="thrownLevel">The level the switch gives while the bolt is thrown (low for a switch to ground).</param>
    /// <param name="timeProvider">Simulation clock.</param>
    /// <param name="travelTime">Time from one end to the other.</param>
    /// <param name="initiallyThrown">Where the bolt is when the simulation starts.</param>
    public SimulatedBolt(SimulatedGpioDriver driver, int switchPin, PinValue thrownLevel, TimeProvider timeProvider, TimeSpan travelTime, bool initiallyThrown)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(travelTime, TimeSpan.Zero);
        _driver = driver;
        _switchPin = switchPin;
        _thrownLevel = thrownLevel;
        _timeProvider = timeProvider;
        TravelTime = travelTime;
        _thrown = initiallyThrown;
        ApplySwitch();
    }

    /// <summary>Time from one end to the other.</summary>
    public TimeSpan TravelTime { get; }

    /// <summary>Raised after the bolt arrived at an end or was moved by hand (argument: thrown), outside the bolt's lock.</summary>
    public event Action<bool>? PositionChanged;

    /// <summary>Whether the bolt is travelling toward an end now.</summary>
    public bool IsMoving
    {
        get
        {
            lock (_gate)
            {
                return _target is not null;
            }
        }
    }

    /// <summary>Whether the bolt is fully thrown now.</summary>
    public bool IsThrown
    {
        get
        {
            lock (_gate)
            {
                return _thrown;
            }
        }
    }

    /// <summary>
    /// While true the bolt does not move when driven (an obstruction, a warped door). Cleared, the bolt resumes toward
    /// the position its drive still pushes it to.
    /// </summary>
    public bool Jammed
    {
        get
        {
            lock (_gate)
            {
                return _jammed;
            }
        }

        set
        {
            BoltPosition? resume;
            lock (_gate)
            {
                _jammed = value;
                _movement?.Dispose();
                _movement = null;
                _target = null;
                resume = value ? null : _driven;
            }

            if (resume is { } position)
            {
                DriveToward(position);
            }
        }
    }

    /// <summary>Follows a relay on <paramref name="relayPin"/>: driven to <paramref name="energizedPosition"/> while the pin is high.</summary>
    public void FollowRelay(int relayPin, BoltPosition energizedPosition = BoltPosition.Thrown)
    {
        void OnOutput(int pin, PinValue level)
        {
            if (pin == relayPin)
            {
                var energized = level == PinValue.High;
                DriveToward(energized == (energizedPosition == BoltPosition.Thrown) ? BoltPosition.Thrown : BoltPosition.Retracted);
            }
        }

        _driver.OutputChanged += OnOutput;
        lock (_gate)
        {
            _detach.Add(() => _driver.OutputChanged -= OnOutput);
        }
    }

    /// <summary>Follows a servo on <paramref name="channel"/>: the running duty cycle nearer to one end's value drives it there.</summary>
    public void FollowServo(SimulatedPwmChannel channel, double thrownDutyCycle, double retractedDutyCycle)
    {
        ArgumentNullException.ThrowIfNull(channel);

        void OnChanged(SimulatedPwmChannel c)
        {
            if (!c.IsRunning)
            {
                return;
            }

            var duty = c.DutyCycle;
            DriveToward(Math.Abs(duty - thrownDutyCycle) < Math.Abs(duty - retractedDutyCycle) ? BoltPosition.Thrown : BoltPosition.Retracted);
        }

        channel.Changed += OnChanged;
        lock (_gate)
        {
            _detach.Add(() => channel.Changed -= OnChanged);
        }
    }

    /// <summary>
    /// The drive pushes the bolt toward <paramref name="position"/> without a new command: after a restart, a drive line
    /// found at a level the bolt had not yet followed (the stopped process did not see the travel finish).
    /// </summary>
    public void ContinueTravel(BoltPosition position) => DriveToward(position);

    /// <summary>Moves the bolt by hand at once (a key, or a door forced hard enough to push it back), without any command.</summary>
    public void MoveByHand(BoltPosition position)
    {
        lock (_gate)
        {
            _movement?.Dispose();
            _movement = null;
            _target = null;
            _driven = null;
            _thrown = position == BoltPosition.Thrown;
        }

        ApplySwitch();
    }

    /// <summary>Stops following the drives.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _movement?.Dispose();
            _movement = null;
            foreach (var detach in _detach)
            {
                detach();
            }

            _detach.Clear();
        }
    }

    private void DriveToward(BoltPosition target)
    {
        lock (_gate)
        {
            _driven = target;
            if (_jammed || _target == target || (_target is null && _thrown == (target == BoltPosition.Thrown)))
            {
                return;
            }

            // Retracting, the end switch opens a tenth of the way out; the rest of the travel is not observable.
            var delay = target == BoltPosition.Retracted && _thrown ? TravelTime / 10 : TravelTime;
            _target = target;
            _movement?.Dispose();
            _movement = _timeProvider.CreateTimer(_ => Arrive(target), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Arrive(BoltPosition target)
    {
        lock (_gate)
        {
            if (_target != target || _jammed)
            {
                return;
            }

            _movement?.Dispose();
            _movement = null;
            _target = null;
            _thrown = target == BoltPosition.Thrown;
        }

        ApplySwitch();
    }

    private void ApplySwitch()
    {
        bool thrown;
        lock (_gate)
        {
            thrown = _thrown;
        }

        _driver.SetInputLevel(_switchPin, thrown ? _thrownLevel : (_thrownLevel == PinValue.High ? PinValue.Low : PinValue.High));
        PositionChanged?.Invoke(thrown);
    }
}
