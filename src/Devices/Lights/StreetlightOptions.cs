namespace EdgeAi.Devices.Lights;

/// <summary>Schedule and motion boost of a <see cref="StreetlightController"/>.</summary>
public sealed record StreetlightOptions
{
    /// <summary>Local time the night level starts (default 20:00).</summary>
    public TimeOnly NightStart { get; init; } = new(20, 0);

    /// <summary>Local time the light goes off for the day (default 06:30).</summary>
    public TimeOnly NightEnd { get; init; } = new(6, 30);

    /// <summary>Brightness at night without motion, percent (default 30).</summary>
    public double NightLevel { get; init; } = 30.0;

    /// <summary>Brightness while motion is seen at night and for <see cref="BoostDuration"/> after, percent (default 100).</summary>
    public double BoostLevel { get; init; } = 100.0;

    /// <summary>How long the boost lasts after the motion ends (default 60 s).</summary>
    public TimeSpan BoostDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The time zone the schedule is in; the <see cref="TimeProvider"/>'s local zone when null.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (NightStart == NightEnd)
        {
            throw new ArgumentException($"Streetlight options {nameof(NightStart)} and {nameof(NightEnd)} are both {NightStart}: the schedule has no night.", nameof(NightStart));
        }

        ThrowIfNotLevel(NightLevel, nameof(NightLevel));
        ThrowIfNotLevel(BoostLevel, nameof(BoostLevel));
        if (BoostDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Streetlight option {nameof(BoostDuration)}: {BoostDuration} is not positive.", nameof(BoostDuration));
        }
    }

    private static void ThrowIfNotLevel(double level, string name)
    {
        if (!double.IsFinite(level) || level < 0.0 || level > 100.0)
        {
            throw new ArgumentException($"Streetlight option {name}: {level} is not a percentage (0..100).", name);
        }
    }
}
