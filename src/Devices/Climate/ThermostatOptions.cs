namespace EdgeAi.Devices.Climate;

/// <summary>Limits and timing of a <see cref="ThermostatController"/>. Checked by <see cref="Validate"/> before any pin is touched.</summary>
public sealed record ThermostatOptions
{
    /// <summary>Lowest target a user may set, °C (Home Assistant's <c>min_temp</c>; default 7).</summary>
    public double MinTemperature { get; init; } = 7.0;

    /// <summary>Highest target a user may set, °C (Home Assistant's <c>max_temp</c>; default 35).</summary>
    public double MaxTemperature { get; init; } = 35.0;

    /// <summary>Target used when nothing was saved, °C (default 20).</summary>
    public double DefaultTarget { get; init; } = 20.0;

    /// <summary>Distance from the target at which a relay switches, °C (default 0.3).</summary>
    public double Hysteresis { get; init; } = 0.3;

    /// <summary>A relay stays in a state at least this long before a normal switch (default 5 min); safety switch-offs do not wait.</summary>
    public TimeSpan MinimumCycle { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A relay on this long without a break is switched off (default 4 h).</summary>
    public TimeSpan MaximumRunTime { get; init; } = TimeSpan.FromHours(4);

    /// <summary>After a maximum-run cut-off the relay stays off this long (default 15 min).</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A reading older than this is a fault (default 5 min).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sensor is read and the relays decided (default 10 s).</summary>
    public TimeSpan ControlPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Lowest plausible room reading, °C (default -30); anything lower is a sensor fault.</summary>
    public double MinPlausibleTemperature { get; init; } = -30.0;

    /// <summary>Highest plausible room reading, °C (default 60); anything higher is a sensor fault.</summary>
    public double MaxPlausibleTemperature { get; init; } = 60.0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent option.</summary>
    public void Validate()
    {
        Require(double.IsFinite(MinTemperature) && double.IsFinite(MaxTemperature) && MinTemperature < MaxTemperature,
            nameof(MinTemperature), $"min_temp ({MinTemperature}) must be below max_temp ({MaxTemperature}).");
        Require(DefaultTarget >= MinTemperature && DefaultTarget <= MaxTemperature,
            nameof(DefaultTarget), $"The default target {DefaultTarget} must lie within {MinTemperature}..{MaxTemperature}.");
        Require(double.IsFinite(Hysteresis) && Hysteresis > 0, nameof(Hysteresis), "The hysteresis must be positive.");
        Require(MinimumCycle >= TimeSpan.Zero, nameof(MinimumCycle), "The minimum cycle cannot be negative.");
        Require(MaximumRunTime > MinimumCycle, nameof(MaximumRunTime), "The maximum run time must be longer than the minimum cycle.");
        Require(Cooldown >= TimeSpan.Zero, nameof(Cooldown), "The cooldown cannot be negative.");
        Require(StaleAfter > TimeSpan.Zero, nameof(StaleAfter), "The staleness limit must be positive.");
        Require(ControlPeriod > TimeSpan.Zero && ControlPeriod < StaleAfter, nameof(ControlPeriod), "The control period must be positive and shorter than the staleness limit.");
        Require(MinPlausibleTemperature < MaxPlausibleTemperature, nameof(MinPlausibleTemperature), "The plausible range is empty.");
    }

    private static void Require(bool condition, string option, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Thermostat option {option}: {message}", option);
        }
    }
}
