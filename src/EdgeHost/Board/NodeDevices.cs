using System.Device.Gpio;
using EdgeAi.Devices.Actuators;
using EdgeAi.Devices.Climate;
using EdgeAi.Devices.Lights;
using EdgeAi.Devices.Locks;
using EdgeAi.Devices.Sensors;
using EdgeAi.Devices.Sensors.Bosch;
using EdgeAi.Devices.Sensors.Gpio;
using EdgeAi.Devices.Sensors.Rohm;
using EdgeAi.Devices.Sensors.Sensirion;
using EdgeAi.EdgeHost.Bridge;
using EdgeAi.EdgeHost.Bridge.Entities;
using EdgeAi.EdgeHost.Locks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeAi.EdgeHost.Board;

/// <summary>
/// Builds every device of the manifest on the board (drivers and controllers from EdgeAi.Devices) and the bridge
/// entity for each. Controllers read the real state when built and never move anything then; sensors start
/// polling and thermostats start controlling when the host starts (this service is registered before the
/// bridge), and everything is parked in its safe state when the host stops.
/// </summary>
public sealed partial class NodeDevices : IHostedService, IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly List<Action> _starters = [];
    private readonly List<IBridgeEntity> _entities = [];
    private readonly Dictionary<string, ITemperatureSensor> _temperatureSensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SensorReadStatistics> _sensorStatistics = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly List<Func<string?>> _faultChecks = [];
    private readonly List<ThermostatController> _thermostats = [];
    private readonly Dictionary<string, Func<double?>> _features = new(StringComparer.Ordinal);
    private readonly ILogger<NodeDevices> _logger;
    private readonly TimeProvider _time;
    private readonly HealthEntity _health;
    private bool _disposed;
    private volatile bool _started;

    /// <summary>Builds the devices; on any failure everything already opened is released and the exception propagates.</summary>
    public NodeDevices(IBoard board, IReadOnlyList<ResolvedDevice> devices, string dataDirectory, TimeProvider time, LockCodeVerifier verifier, LockAuditLog audit, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(loggers);
        _logger = loggers.CreateLogger<NodeDevices>();
        _time = time;
        _health = new HealthEntity(Faults);
        try
        {
            // Sensors first: a thermostat names its temperature sensor.
            foreach (var device in devices.OrderBy(d => d.Options.Kind == DeviceKind.Thermostat ? 1 : 0))
            {
                Build(board, device, dataDirectory, time, verifier, audit, loggers);
            }

            _entities.Add(_health);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// The numeric readings a model can take as features: <c>&lt;device&gt;.&lt;channel&gt;</c> for sensors
    /// (<c>living_climate.temperature</c>, <c>living_co2.co2</c>) and <c>&lt;device&gt;</c> for motion and contact
    /// sensors (1 = motion / open, 0 = not). A reader returns null while the device has no reading.
    /// </summary>
    public IReadOnlyDictionary<string, Func<double?>> Features => _features;

    /// <summary>The thermostats, in manifest order.</summary>
    public IReadOnlyList<ThermostatController> Thermostats => _thermostats;

    /// <summary>The bridge entities, in manifest order of their devices.</summary>
    public IReadOnlyList<IBridgeEntity> Entities => _entities;

    /// <summary>Read counts of every I2C sensor, by device id.</summary>
    public IReadOnlyDictionary<string, SensorReadStatistics> SensorStatistics => _sensorStatistics;

    /// <summary>True from the end of <see cref="StartAsync"/> (sensors polling, controllers running) until <see cref="StopAsync"/>.</summary>
    public bool Started => _started;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var start in _starters)
        {
            start();
        }

        _loops.Add(WatchHealthAsync());
        _started = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _started = false;
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loops end on cancellation; the host's stop timeout bounds the wait.
        }
    }

    /// <summary>The current faults, one line each (empty when healthy).</summary>
    public IReadOnlyList<string> Faults() => _faultChecks.Select(check => check()).OfType<string>().ToList();

    /// <summary>Releases every device, which drives each output to its safe state.</summary>
    public void Dispose()
    {
        // Registered both as a singleton and as a hosted service, so the container may dispose it twice.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping.Cancel();
        foreach (var item in Enumerable.Reverse(_owned))
        {
            item.Dispose();
        }

        _owned.Clear();
        _stopping.Dispose();
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }

    private void Build(IBoard board, ResolvedDevice device, string dataDirectory, TimeProvider time, LockCodeVerifier verifier, LockAuditLog audit, ILoggerFactory loggers)
    {
        var o = device.Options;
        var gpio = board.Gpio;
        int Line(string role) => device.Line(role)!.Value;
        var pin = device.Line(ResolvedDevice.PrimaryRole);
        var poll = TimeSpan.FromSeconds(o.PollSeconds);
        var expire = TimeSpan.FromSeconds(Math.Max(60, 3 * o.PollSeconds));
        switch (o.Kind)
        {
            case DeviceKind.Light:
                _entities.Add(new LightEntity(o.Id, o.Name, Own(new OnOffLight(gpio, pin!.Value, o.ActiveLow))));
                break;

            case DeviceKind.DimmableLight:
                var dimmable = Own(new DimmableLight(Own(board.OpenPwm(device.Pwm!.Chip, device.Pwm.Channel, 1000)), new DimmableLightOptions { Gamma = o.Gamma, MinDutyCycle = o.MinDuty }));
                _entities.Add(new DimmableLightEntity(o.Id, o.Name, dimmable));
                break;

            case DeviceKind.Motion:
                var pir = Own(new PirMotionSensor(gpio, pin!.Value, time, activeHigh: !o.ActiveLow));
                _entities.Add(new BinarySensorEntity(o.Id, o.Name, "motion", () => pir.Motion, changed => pir.MotionChanged += _ => changed()));
                _features[o.Id] = () => pir.Motion.Value ? 1 : 0;
                break;

            case DeviceKind.Contact:
                var contact = Own(new ContactSensor(gpio, pin!.Value, o.Class == "window" ? ContactKind.Window : ContactKind.Door, time, openLevel: o.ActiveLow ? PinValue.Low : PinValue.High));
                _entities.Add(new BinarySensorEntity(o.Id, o.Name, o.Class!, () => contact.Open, changed => contact.OpenChanged += _ => changed()));
                _features[o.Id] = () => contact.Open.Value ? 1 : 0;
                break;

            case DeviceKind.Bme280:
                var bme = new Bme280(Own(board.OpenI2c(o.Bus, o.Address!.Value)), time);
                bme.SetMode(Bme280Mode.Normal);
                _temperatureSensors[o.Id] = bme;
                _sensorStatistics[o.Id] = bme.Statistics;
                AddPolled<Bme280Measurement>(o, [SensorChannel.Temperature, SensorChannel.Humidity, SensorChannel.Pressure], bme.TryRead,
                    m => new Dictionary<string, double> { ["temperature"] = m.Temperature.DegreesCelsius, ["humidity"] = m.Humidity.Percent, ["pressure"] = m.Pressure.Hectopascals },
                    poll, expire, time);
                break;

            case DeviceKind.Sht3x:
                var sht = new Sht3x(Own(board.OpenI2c(o.Bus, o.Address!.Value)), time);
                sht.StartPeriodic();
                _temperatureSensors[o.Id] = sht;
                _sensorStatistics[o.Id] = sht.Statistics;
                AddPolled<Sht3xMeasurement>(o, [SensorChannel.Temperature, SensorChannel.Humidity], sht.TryRead,
                    m => new Dictionary<string, double> { ["temperature"] = m.Temperature.DegreesCelsius, ["humidity"] = m.Humidity.Percent },
                    poll, expire, time);
                break;

            case DeviceKind.Bh1750:
                var bh = new Bh1750(Own(board.OpenI2c(o.Bus, o.Address!.Value)), time);
                bh.StartContinuous();
                _sensorStatistics[o.Id] = bh.Statistics;
                AddPolled<SensorReading<Devices.Units.Illuminance>>(o, [SensorChannel.Illuminance], (out SensorReading<Devices.Units.Illuminance> r) => bh.TryReadIlluminance(out r),
                    r => new Dictionary<string, double> { ["illuminance"] = r.Value.Lux },
                    poll, expire, time);
                break;

            case DeviceKind.Scd4x:
                AddScd4x(board, o, time, expire);
                break;

            case DeviceKind.Thermostat:
                var heater = Own(new Relay(gpio, Line("heater")));
                var cooler = device.Line("cooler") is { } coolerLine ? Own(new Relay(gpio, coolerLine)) : null;
                var options = new ThermostatOptions
                {
                    MinTemperature = o.MinTemp,
                    MaxTemperature = o.MaxTemp,
                    DefaultTarget = Math.Clamp(20.0, o.MinTemp, o.MaxTemp),
                    Hysteresis = o.Hysteresis,
                    MinimumCycle = o.MinimumCycle,
                    MaximumRunTime = o.MaximumRunTime,
                    Cooldown = o.Cooldown,
                    StaleAfter = o.StaleAfter,
                };
                var store = new JsonFileThermostatSettingsStore(Path.Combine(dataDirectory, $"thermostat-{o.Id}.json"));
                var thermostat = Own(new ThermostatController(o.Id, _temperatureSensors[o.Sensor!], heater, cooler, options, store, time, loggers.CreateLogger<ThermostatController>()));
                _starters.Add(thermostat.Start);
                _thermostats.Add(thermostat);
                _faultChecks.Add(() => thermostat.State.Fault is var fault && fault != ThermostatFault.None ? $"{o.Id}: {fault}" : null);
                _entities.Add(new ClimateEntity(o.Id, o.Name, thermostat, cooler is not null, o.TempStep));
                break;

            case DeviceKind.Lock:
                var boltSwitch = Own(new DebouncedInput(gpio, Line("bolt_switch"), PinMode.InputPullUp, PinValue.Low, TimeSpan.FromMilliseconds(20), time));

                // Open the bolt relay in the state the bolt already is in (opening an output drives a level), and leave it
                // as it is when the node stops: neither a restart nor a stop may move the bolt.
                var drive = new RelayBoltDrive(Own(new Relay(gpio, Line("bolt"), initialOn: RelayBoltDrive.RelayStateFor(boltSwitch.Current.Value), holdOnDispose: true)));
                var door = Own(new ContactSensor(gpio, Line("door"), ContactKind.Door, time));
                var controller = Own(new LockController(o.Id, drive, boltSwitch, door, new LockOptions { ConfirmTimeout = o.ConfirmTimeout }, time, loggers.CreateLogger<LockController>()));
                _entities.Add(new LockEntity(o.Id, o.Name, controller, hasDoorContact: true, verifier, audit));
                _faultChecks.Add(() => controller.State.State == LockState.Jammed ? $"{o.Id}: jammed" : null);
                break;

            case DeviceKind.Streetlight:
                var lamp = Own(new DimmableLight(Own(board.OpenPwm(device.Pwm!.Chip, device.Pwm.Channel, 1000)), new DimmableLightOptions { Gamma = o.Gamma, MinDutyCycle = o.MinDuty }));
                var motion = device.Line("motion") is { } motionLine ? Own(new PirMotionSensor(gpio, motionLine, time)) : null;
                var street = Own(new StreetlightController(lamp, motion, new StreetlightOptions { NightStart = o.NightStart, NightEnd = o.NightEnd, NightLevel = o.NightLevel, BoostDuration = o.BoostDuration }, time));
                _starters.Add(street.Start);
                _entities.Add(new StreetlightEntity(o.Id, o.Name, street));
                break;
        }
    }

    private void AddPolled<T>(DeviceOptions o, SensorChannel[] channels, TryReadFunc<T> read, Func<T, IReadOnlyDictionary<string, double>> values, TimeSpan poll, TimeSpan expire, TimeProvider time)
        where T : struct
    {
        var poller = Own(new SensorPoller<T>(read, poll, null, time));
        _starters.Add(poller.Start);
        var failing = false;
        poller.BecameUnavailable += () =>
        {
            failing = true;
            _health.Refresh();
        };
        poller.ReadingAvailable += _ =>
        {
            if (failing)
            {
                failing = false;
                _health.Refresh();
            }
        };
        _faultChecks.Add(() => Volatile.Read(ref failing) ? $"{o.Id}: no reading" : null);
        IReadOnlyDictionary<string, double>? Read() => poller.Latest is { } latest ? values(latest) : null;
        AddFeatures(o.Id, channels, Read);
        _entities.Add(new SensorEntity(o.Id, o.Name, channels, Read, changed => poller.ReadingAvailable += _ => changed(), expire));
    }

    private void AddFeatures(string id, SensorChannel[] channels, Func<IReadOnlyDictionary<string, double>?> read)
    {
        foreach (var channel in channels)
        {
            var key = channel.Key;
            _features[$"{id}.{key}"] = () => read() is { } values && values.TryGetValue(key, out var value) && double.IsFinite(value) ? value : null;
        }
    }

    /// <summary>The SCD4x measures every 5 s on its own (datasheet 3.5.1); its read is asynchronous, so it gets its own loop.</summary>
    private void AddScd4x(IBoard board, DeviceOptions o, TimeProvider time, TimeSpan expire)
    {
        var scd = new Scd4x(Own(board.OpenI2c(o.Bus, o.Address!.Value)), time);
        _sensorStatistics[o.Id] = scd.Statistics;
        Scd4xMeasurement? latest = null;
        Action? changed = null;
        SensorChannel[] channels = [SensorChannel.Co2, SensorChannel.Temperature, SensorChannel.Humidity];
        IReadOnlyDictionary<string, double>? Read() =>
            latest is { } m ? new Dictionary<string, double> { ["co2"] = m.Co2.PartsPerMillion, ["temperature"] = m.Temperature.DegreesCelsius, ["humidity"] = m.Humidity.Percent } : null;
        AddFeatures(o.Id, channels, Read);
        _entities.Add(new SensorEntity(o.Id, o.Name, channels, Read, callback => changed = callback, expire));
        var interval = TimeSpan.FromSeconds(Math.Max(5, o.PollSeconds));
        _starters.Add(() =>
        {
            scd.StartPeriodicMeasurement();
            _loops.Add(PollScd4xAsync(scd, interval, time, m =>
            {
                latest = m;
                changed?.Invoke();
            }));
        });
    }

    /// <summary>Re-evaluates the health sensor every 15 s (it publishes only on a change).</summary>
    private async Task WatchHealthAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                _health.Refresh();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task PollScd4xAsync(Scd4x scd, TimeSpan interval, TimeProvider time, Action<Scd4xMeasurement> publish)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    if (await scd.ReadMeasurementAsync(_stopping.Token).ConfigureAwait(false) is { } measurement)
                    {
                        publish(measurement);
                    }
                }
                catch (IOException ex)
                {
                    Scd4xReadFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(1100, LogLevel.Warning, "SCD4x read failed; the next period tries again")]
    private static partial void Scd4xReadFailed(ILogger logger, Exception exception);
}
