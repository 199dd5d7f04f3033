namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// Late-November weather outside the demo house: a daily temperature cycle, slowly varying pressure and damp air.
/// Times are the house's local time (the simulation runs the house on UTC).
/// </summary>
/// <remarks>
/// The temperature follows two half cosines between the daily minimum around sunrise and the maximum in the early
/// afternoon, the usual shape of a clear-sky diurnal cycle: 4 °C at 05:00 rising to 12 °C at 15:00, falling again over
/// the 14 hours to the next 05:00.
/// </remarks>
public sealed class OutdoorWeather
{
    private readonly double _pressurePhase;

    /// <summary>Creates the weather for a seed.</summary>
    public OutdoorWeather(int seed) => _pressurePhase = 2 * Math.PI * WorldRandom.Unit(seed, 1, 0);

    /// <summary>Daily minimum, °C (at <see cref="MinimumHour"/>).</summary>
    public double MinimumCelsius { get; init; } = 4.0;

    /// <summary>Daily maximum, °C (at <see cref="MaximumHour"/>).</summary>
    public double MaximumCelsius { get; init; } = 12.0;

    /// <summary>Hour of the daily minimum.</summary>
    public double MinimumHour { get; init; } = 5.0;

    /// <summary>Hour of the daily maximum.</summary>
    public double MaximumHour { get; init; } = 15.0;

    /// <summary>Outdoor relative humidity, % (damp November air).</summary>
    public double RelativeHumidityPercent { get; init; } = 85.0;

    /// <summary>The outdoor air temperature at <paramref name="time"/>, °C.</summary>
    public double TemperatureAt(DateTimeOffset time)
    {
        var hour = time.TimeOfDay.TotalHours;
        var mean = (MinimumCelsius + MaximumCelsius) / 2;
        var amplitude = (MaximumCelsius - MinimumCelsius) / 2;
        var rising = MaximumHour - MinimumHour;
        var sinceMinimum = (hour - MinimumHour + 24) % 24;
        return sinceMinimum <= rising
            ? mean - (amplitude * Math.Cos(Math.PI * sinceMinimum / rising))
            : mean + (amplitude * Math.Cos(Math.PI * (sinceMinimum - rising) / (24 - rising)));
    }

    /// <summary>
    /// Absolute pressure, Pa: the standard atmosphere (101 325 Pa) plus a passing weather system of ±800 Pa over about
    /// three and a half days, typical synoptic variation in a European autumn.
    /// </summary>
    public double PressureAt(DateTimeOffset time)
    {
        var days = time.UtcTicks / (double)TimeSpan.TicksPerDay;
        return 101_325.0 + (800.0 * Math.Sin((2 * Math.PI * days / 3.5) + _pressurePhase));
    }
}
