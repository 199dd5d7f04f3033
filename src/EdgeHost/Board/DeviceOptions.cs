namespace EdgeAi.EdgeHost.Board;

/// <summary>
/// One device in the manifest (<c>Devices:N</c>). Which keys apply depends on <see cref="Kind"/>; see
/// docs/configuration.md. GPIO lines are given as <c>Pin</c>/<c>Pins</c> (line numbers of the board's GPIO chip,
/// BCM numbers on a Raspberry Pi) or as <c>Header</c>/<c>Headers</c> (40-pin header numbers, resolved through
/// the board map).
/// </summary>
public sealed class DeviceOptions
{
    /// <summary>One of <see cref="DeviceKind.All"/>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>Entity id: 1 to 64 of <c>[a-z0-9_]</c>, unique in the manifest.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Name shown in Home Assistant.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The device's GPIO line.</summary>
    public int? Pin { get; set; }

    /// <summary>The device's header pin (instead of <see cref="Pin"/>).</summary>
    public int? Header { get; set; }

    /// <summary>GPIO lines by role, for devices with several (a lock's <c>bolt</c>, <c>bolt_switch</c>, <c>door</c>).</summary>
    public Dictionary<string, int> Pins { get; } = new(StringComparer.Ordinal);

    /// <summary>Header pins by role (instead of <see cref="Pins"/>).</summary>
    public Dictionary<string, int> Headers { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the output is active at a low level, or an input reads low when active.</summary>
    public bool ActiveLow { get; set; }

    /// <summary>Hardware PWM chip (<c>/sys/class/pwm/pwmchipN</c>).</summary>
    public int? PwmChip { get; set; }

    /// <summary>Hardware PWM channel of <see cref="PwmChip"/>.</summary>
    public int? PwmChannel { get; set; }

    /// <summary>I2C bus number (<c>/dev/i2c-N</c>).</summary>
    public int Bus { get; set; } = 1;

    /// <summary>I2C address (7-bit).</summary>
    public int? Address { get; set; }

    /// <summary>For a thermostat: the id of its temperature sensor.</summary>
    public string? Sensor { get; set; }

    /// <summary>For a contact: <c>door</c> or <c>window</c> (Home Assistant device class).</summary>
    public string? Class { get; set; }

    /// <summary>For sensors: seconds between reads.</summary>
    public double PollSeconds { get; set; } = 10;

    /// <summary>For a thermostat: lowest accepted setpoint, °C.</summary>
    public double MinTemp { get; set; } = 7;

    /// <summary>For a thermostat: highest accepted setpoint, °C.</summary>
    public double MaxTemp { get; set; } = 30;

    /// <summary>For a thermostat: setpoint step shown in Home Assistant.</summary>
    public double TempStep { get; set; } = 0.5;

    /// <summary>For a thermostat: hysteresis, °C.</summary>
    public double Hysteresis { get; set; } = 0.3;

    /// <summary>For a thermostat: minimum time between relay switches.</summary>
    public TimeSpan MinimumCycle { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>For a thermostat: longest continuous heating or cooling run.</summary>
    public TimeSpan MaximumRunTime { get; set; } = TimeSpan.FromHours(4);

    /// <summary>For a thermostat: pause after a maximum run.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>For a thermostat: a reading older than this is a fault (heater off).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>For a lock: how long the bolt switch may take to confirm a move before the lock is JAMMED.</summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>For dimmable lights and streetlights: gamma of the brightness curve.</summary>
    public double Gamma { get; set; } = 2.2;

    /// <summary>For dimmable lights and streetlights: duty cycle at the lowest non-zero brightness (0 to 1).</summary>
    public double MinDuty { get; set; }

    /// <summary>For a streetlight: when night (dim level) starts, local time.</summary>
    public TimeOnly NightStart { get; set; } = new(17, 0);

    /// <summary>For a streetlight: when night ends.</summary>
    public TimeOnly NightEnd { get; set; } = new(7, 30);

    /// <summary>For a streetlight: brightness at night without motion, %.</summary>
    public double NightLevel { get; set; } = 30;

    /// <summary>For a streetlight: how long motion keeps it at full brightness.</summary>
    public TimeSpan BoostDuration { get; set; } = TimeSpan.FromSeconds(60);
}
