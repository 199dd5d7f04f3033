namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// Pedestrians passing the streetlight: arrivals are a Poisson process whose rate follows the hour (busy at the
/// evening commute, almost nobody after midnight); each one triggers the street PIR.
/// </summary>
public sealed class StreetTraffic
{
    private readonly int _seed;

    /// <summary>Creates the traffic for a seed.</summary>
    public StreetTraffic(int seed) => _seed = seed;

    /// <summary>Pedestrians per hour at <paramref name="timeOfDay"/>.</summary>
    public static double RatePerHour(TimeSpan timeOfDay) => timeOfDay.Hours switch
    {
        < 6 => 1.0,
        < 9 => 15.0,
        < 16 => 20.0,
        < 20 => 25.0,
        < 23 => 8.0,
        _ => 2.0,
    };

    /// <summary>
    /// Whether a pedestrian passes in step number <paramref name="stepIndex"/> of length <paramref name="step"/> starting at
    /// <paramref name="time"/>: probability 1 − exp(−rate·step), so the rate holds whatever the step.
    /// </summary>
    public bool PedestrianPasses(DateTimeOffset time, long stepIndex, TimeSpan step)
    {
        var probability = 1.0 - Math.Exp(-RatePerHour(time.TimeOfDay) * step.TotalHours);
        return WorldRandom.Unit(_seed, 3, stepIndex) < probability;
    }
}
