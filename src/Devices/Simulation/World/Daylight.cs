namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// Daylight at the living-room window in late November: sunrise about 07:45, sunset about 16:15, up to about 10 000 lx
/// at solar noon near the window under a clear sky, less on cloudy days.
/// </summary>
/// <remarks>
/// Between sunrise and sunset the illuminance follows sin(π·(t − sunrise)/(sunset − sunrise)), the usual first-order
/// shape of global illuminance over a day; each day gets a cloud factor between 0.35 and 1 from the seed. Twilight is
/// not modelled (it is below 10 lx indoors).
/// </remarks>
public sealed class Daylight
{
    private readonly int _seed;

    /// <summary>Creates the daylight for a seed.</summary>
    public Daylight(int seed) => _seed = seed;

    /// <summary>Sunrise, local time of day.</summary>
    public TimeSpan Sunrise { get; init; } = new(7, 45, 0);

    /// <summary>Sunset, local time of day.</summary>
    public TimeSpan Sunset { get; init; } = new(16, 15, 0);

    /// <summary>Illuminance near the window at solar noon under a clear sky, lx.</summary>
    public double ClearNoonLux { get; init; } = 10_000.0;

    /// <summary>Whether the sun is up at <paramref name="time"/>.</summary>
    public bool IsDay(DateTimeOffset time) => time.TimeOfDay > Sunrise && time.TimeOfDay < Sunset;

    /// <summary>Daylight illuminance near the window, lx.</summary>
    public double LuxAt(DateTimeOffset time)
    {
        if (!IsDay(time))
        {
            return 0.0;
        }

        var fraction = (time.TimeOfDay - Sunrise) / (Sunset - Sunrise);
        var day = time.UtcTicks / TimeSpan.TicksPerDay;
        var cloud = 0.35 + (0.65 * WorldRandom.Unit(_seed, 2, day));
        return ClearNoonLux * cloud * Math.Sin(Math.PI * fraction);
    }
}
