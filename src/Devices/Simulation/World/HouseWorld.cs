using System.Device.Gpio;

namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// The physical world of the demo house: the living room's air, two occupants on a daily routine, daylight, the front
/// door, the living-room window and the street, stepped every <see cref="Step"/> of simulated time by a timer on the
/// clock. It writes the simulated chips' true values and the input lines, and reads the heater relay and the light's PWM.
/// Deterministic for a given seed and sequence of commands.
/// </summary>
/// <remarks>
/// The state that outlives the process (see <see cref="HouseState"/>) is saved at once on every discrete change (a relay
/// line, the bolt, the door, the window, an occupant moving) and at least every simulated minute while temperature and
/// CO2 drift. Thread-safe: pins and chips are written outside the world's lock, so drivers' edge callbacks that take
/// their own locks cannot deadlock with it.
/// </remarks>
public sealed class HouseWorld : IDisposable
{
    private static readonly TimeSpan ContinuousSaveInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DoorOpenFor = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan GlitchLength = TimeSpan.FromMilliseconds(2);
    private static readonly int[] RelayPins = [DemoHouseWiring.HeaterRelayPin, DemoHouseWiring.PorchLightRelayPin, DemoHouseWiring.BoltRelayPin];

    private readonly HouseParts _parts;
    private readonly TimeProvider _time;
    private readonly int _seed;
    private readonly HouseStateFile? _file;
    private readonly Lock _gate = new();
    private readonly RoomClimate _room;
    private readonly OutdoorWeather _weather;
    private readonly Daylight _daylight;
    private readonly StreetTraffic _street;
    private readonly OccupantPlace[] _occupants;
    private readonly ITimer _stepTimer;
    private bool _windowOpen;
    private bool? _windowHeld;
    private long _stepIndex;
    private DateTimeOffset _lastSave;
    private bool _disposed;

    internal HouseWorld(HouseParts parts, HouseState initial, int seed, TimeProvider timeProvider, HouseStateFile? file, TimeSpan step)
    {
        _parts = parts;
        _time = timeProvider;
        _seed = seed;
        _file = file;
        Step = step;
        _room = new RoomClimate(initial.LivingTemperatureCelsius, initial.LivingCo2Ppm, initial.LivingVapourDensity);
        _weather = new OutdoorWeather(seed);
        _daylight = new Daylight(seed);
        _street = new StreetTraffic(seed);
        _occupants = [.. initial.Occupants];
        _windowOpen = initial.WindowOpen;
        _stepIndex = initial.SimulatedTime.UtcTicks / step.Ticks;

        Door = new FrontDoor(parts.Gpio, DemoHouseWiring.DoorContactPin, parts.Bolt, timeProvider, initial.DoorOpen);
        HallMotion = new MotionLine(parts.Gpio, DemoHouseWiring.HallMotionPin, timeProvider, TimeSpan.FromSeconds(5));
        StreetMotion = new MotionLine(parts.Gpio, DemoHouseWiring.StreetMotionPin, timeProvider, TimeSpan.FromSeconds(4));
        ApplyWindowContact(_windowOpen);
        WriteChips(timeProvider.GetUtcNow());

        parts.Gpio.OutputChanged += OnOutputChanged;
        parts.Bolt.PositionChanged += OnBoltMoved;
        Door.Changed += OnDoorChanged;
        _stepTimer = timeProvider.CreateTimer(_ => StepOnce(), null, step, step);
        SaveNow();
    }

    /// <summary>Simulated time between physics steps.</summary>
    public TimeSpan Step { get; }

    /// <summary>Fault injection hooks (all off by default).</summary>
    public HouseFaults Faults { get; } = new();

    /// <summary>The front door.</summary>
    public FrontDoor Door { get; }

    /// <summary>The hall PIR's output line.</summary>
    public MotionLine HallMotion { get; }

    /// <summary>The street PIR's output line.</summary>
    public MotionLine StreetMotion { get; }

    /// <summary>The living room's true air temperature, °C.</summary>
    public double RoomTemperatureCelsius => Read(() => _room.TemperatureCelsius);

    /// <summary>The living room's true CO2, ppm.</summary>
    public double RoomCo2Ppm => Read(() => _room.Co2Ppm);

    /// <summary>The living room's true relative humidity, %.</summary>
    public double RoomRelativeHumidityPercent => Read(() => _room.RelativeHumidityPercent);

    /// <summary>The true illuminance at the living-room light sensor, lx.</summary>
    public double RoomLux => Read(() => TrueLux(_time.GetUtcNow()));

    /// <summary>The outdoor temperature now, °C.</summary>
    public double OutdoorTemperatureCelsius => _weather.TemperatureAt(_time.GetUtcNow());

    /// <summary>Whether the living-room window stands open.</summary>
    public bool WindowOpen => Read(() => _windowOpen);

    /// <summary>Whether the heater is powered now (the relay line, or a relay fault).</summary>
    public bool HeaterPowered => Read(HeaterPoweredLocked);

    /// <summary>Where each occupant is now.</summary>
    public IReadOnlyList<OccupantPlace> Occupants => Read(() => (IReadOnlyList<OccupantPlace>)[.. _occupants]);

    /// <summary>A scenario holds the window open or shut, overriding the occupants' habit of airing in the evening.</summary>
    public void HoldWindow(bool open)
    {
        lock (_gate)
        {
            _windowHeld = open;
        }

        UpdateWindow(_time.GetUtcNow());
    }

    /// <summary>Hands the window back to the occupants' routine.</summary>
    public void ReleaseWindow()
    {
        lock (_gate)
        {
            _windowHeld = null;
        }

        UpdateWindow(_time.GetUtcNow());
    }

    /// <summary>The state as it would be saved now.</summary>
    public HouseState Snapshot()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    /// <summary>Stops stepping and saves the state a last time.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stepTimer.Dispose();
        }

        _parts.Gpio.OutputChanged -= OnOutputChanged;
        _parts.Bolt.PositionChanged -= OnBoltMoved;
        Door.Changed -= OnDoorChanged;
        Door.Dispose();
        HallMotion.Dispose();
        StreetMotion.Dispose();
        SaveNow();
    }

    private void StepOnce()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _stepIndex++;
            var outdoor = _weather.TemperatureAt(now);
            var outdoorVapour = _weather.RelativeHumidityPercent / 100.0 * Psychrometrics.SaturationVapourDensity(outdoor);
            var inLiving = _occupants.Count(p => p == OccupantPlace.Living);
            _room.Step(Step, new RoomInputs(outdoor, outdoorVapour, HeaterPoweredLocked(), inLiving, _windowOpen, _daylight.LuxAt(now)));
        }

        var moved = MoveOccupants(now);
        if (_street.PedestrianPasses(now, _stepIndex, Step))
        {
            StreetMotion.Trigger();
        }

        var windowChanged = UpdateWindow(now);
        WriteChips(now);
        InjectPinNoise();
        if (moved || windowChanged || now - _lastSave >= ContinuousSaveInterval)
        {
            SaveNow();
        }
    }

    /// <summary>Each occupant follows the routine; passing the front door needs the bolt retracted.</summary>
    private bool MoveOccupants(DateTimeOffset now)
    {
        var moved = false;
        for (var i = 0; i < _occupants.Length; i++)
        {
            var want = DailyRoutine.For(_seed, i, now).PlaceAt(now.TimeOfDay);
            OccupantPlace current;
            lock (_gate)
            {
                current = _occupants[i];
            }

            if (want == current)
            {
                // Awake at home: a trip to the kitchen through the hall about three times an hour.
                var tripProbability = 1.0 - Math.Exp(-3.0 * Step.TotalHours);
                if (current == OccupantPlace.Living && WorldRandom.Unit(_seed, 40 + i, _stepIndex) < tripProbability)
                {
                    HallMotion.Trigger();
                }

                continue;
            }

            var throughDoor = want == OccupantPlace.Away || current == OccupantPlace.Away;
            if (throughDoor && !Door.TryPassThrough(DoorOpenFor))
            {
                // No key in the simulation: a thrown bolt keeps them where they are until it is retracted.
                continue;
            }

            HallMotion.Trigger();
            lock (_gate)
            {
                _occupants[i] = want;
            }

            moved = true;
        }

        return moved;
    }

    /// <summary>
    /// On about six evenings in ten someone airs the living room: the window opens between 18:30 and 20:00 for 15 to 35
    /// minutes, if anyone is home. A scenario's hold overrides this.
    /// </summary>
    private bool UpdateWindow(DateTimeOffset now)
    {
        bool open;
        lock (_gate)
        {
            var day = now.UtcTicks / TimeSpan.TicksPerDay;
            var opensAt = new TimeSpan(18, 30, 0) + TimeSpan.FromMinutes(Math.Floor(90 * WorldRandom.Unit(_seed, 21, day)));
            var openFor = TimeSpan.FromMinutes(15 + Math.Floor(20 * WorldRandom.Unit(_seed, 22, day)));
            var airing = WorldRandom.Unit(_seed, 20, day) < 0.6
                && now.TimeOfDay >= opensAt && now.TimeOfDay < opensAt + openFor
                && _occupants.Any(p => p != OccupantPlace.Away);
            open = _windowHeld ?? airing;
            if (open == _windowOpen)
            {
                return false;
            }

            _windowOpen = open;
        }

        ApplyWindowContact(open);
        SaveNow();
        return true;
    }

    private void WriteChips(DateTimeOffset now)
    {
        double celsius;
        double humidity;
        double co2;
        double lux;
        lock (_gate)
        {
            celsius = _room.TemperatureCelsius;
            humidity = _room.RelativeHumidityPercent;
            co2 = _room.Co2Ppm;
            lux = TrueLux(now);
        }

        var measured = Faults.LivingTemperature.Apply(celsius, now);
        _parts.Bme280.Temperature = measured;
        _parts.Bme280.Humidity = humidity;
        _parts.Bme280.Pressure = _weather.PressureAt(now);
        _parts.Scd4x.Temperature = measured;
        _parts.Scd4x.Humidity = humidity;
        _parts.Scd4x.Co2 = Faults.LivingCo2.Apply(co2, now);
        _parts.Bh1750.Illuminance = Math.Max(0.0, Faults.LivingLux.Apply(lux, now));
    }

    /// <summary>Daylight near the window plus the ceiling light: about 350 lx at the sensor at full duty (an 800 lm LED lamp).</summary>
    private double TrueLux(DateTimeOffset now) => _daylight.LuxAt(now) + (350.0 * _parts.LivingLight.EffectiveDutyCycle);

    private bool HeaterPoweredLocked() => Faults.HeaterRelay switch
    {
        RelayFault.StuckOn => true,
        RelayFault.StuckOff => false,
        _ => _parts.Gpio.PeekMode(DemoHouseWiring.HeaterRelayPin) == PinMode.Output
            && _parts.Gpio.PeekLevel(DemoHouseWiring.HeaterRelayPin) == PinValue.High,
    };

    private void InjectPinNoise()
    {
        var probability = Faults.PinNoiseProbability;
        if (probability <= 0)
        {
            return;
        }

        (int Pin, Func<bool> High)[] lines =
        [
            (DemoHouseWiring.HallMotionPin, () => HallMotion.IsHigh),
            (DemoHouseWiring.StreetMotionPin, () => StreetMotion.IsHigh),
            (DemoHouseWiring.DoorContactPin, () => Door.IsOpen),
            (DemoHouseWiring.WindowContactPin, () => WindowOpen),
        ];
        foreach (var (pin, high) in lines)
        {
            if (WorldRandom.Unit(_seed, 60 + pin, _stepIndex) >= probability)
            {
                continue;
            }

            _parts.Gpio.SetInputLevel(pin, high() ? PinValue.Low : PinValue.High);
            ITimer? restore = null;
            restore = _time.CreateTimer(
                _ =>
                {
                    _parts.Gpio.SetInputLevel(pin, high() ? PinValue.High : PinValue.Low);
                    restore?.Dispose();
                },
                null,
                GlitchLength,
                Timeout.InfiniteTimeSpan);
        }
    }

    private void ApplyWindowContact(bool open) =>
        _parts.Gpio.SetInputLevel(DemoHouseWiring.WindowContactPin, open ? PinValue.High : PinValue.Low);

    private void OnOutputChanged(int pin, PinValue level)
    {
        if (RelayPins.Contains(pin))
        {
            SaveNow();
        }
    }

    private void OnBoltMoved(bool thrown) => SaveNow();

    private void OnDoorChanged(bool open) => SaveNow();

    private void SaveNow()
    {
        if (_file is null)
        {
            return;
        }

        // Saved under the lock so that concurrent savers (a relay written by a command thread, the clock's step) cannot
        // write an older snapshot after a newer one.
        lock (_gate)
        {
            _file.Save(SnapshotLocked());
            _lastSave = _time.GetUtcNow();
        }
    }

    private HouseState SnapshotLocked() => new()
    {
        SimulatedTime = _time.GetUtcNow(),
        LivingTemperatureCelsius = _room.TemperatureCelsius,
        LivingCo2Ppm = _room.Co2Ppm,
        LivingVapourDensity = _room.VapourDensity,
        BoltThrown = _parts.Bolt.IsThrown,
        DoorOpen = Door.IsOpen,
        WindowOpen = _windowOpen,
        OutputsHigh = [.. RelayPins.Where(p => _parts.Gpio.PeekMode(p) == PinMode.Output && _parts.Gpio.PeekLevel(p) == PinValue.High)],
        Occupants = [.. _occupants],
    };

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }
}
