namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// One occupant's plan for one day: up around 06:30–07:00, out around 08:00, back around 17:00, in bed around 23:00,
/// each time jittered per occupant and day from the seed.
/// </summary>
/// <param name="Wake">Gets up and goes to the living room.</param>
/// <param name="Leave">Leaves the house.</param>
/// <param name="Return">Comes home.</param>
/// <param name="Sleep">Goes to bed.</param>
public sealed record DailyRoutine(TimeSpan Wake, TimeSpan Leave, TimeSpan Return, TimeSpan Sleep)
{
    /// <summary>The routine of occupant <paramref name="occupant"/> on the day containing <paramref name="time"/>.</summary>
    public static DailyRoutine For(int seed, int occupant, DateTimeOffset time)
    {
        var day = time.UtcTicks / TimeSpan.TicksPerDay;
        var stream = 100 + (occupant * 4);
        return new DailyRoutine(
            new TimeSpan(6, 30, 0) + Jitter(seed, stream, day, 30),
            new TimeSpan(7, 50, 0) + Jitter(seed, stream + 1, day, 20),
            new TimeSpan(17, 0, 0) + Jitter(seed, stream + 2, day, 45),
            new TimeSpan(22, 30, 0) + Jitter(seed, stream + 3, day, 60));
    }

    /// <summary>Where the plan puts the occupant at <paramref name="timeOfDay"/>.</summary>
    public OccupantPlace PlaceAt(TimeSpan timeOfDay) =>
        timeOfDay < Wake || timeOfDay >= Sleep ? OccupantPlace.Bedroom
        : timeOfDay >= Leave && timeOfDay < Return ? OccupantPlace.Away
        : OccupantPlace.Living;

    private static TimeSpan Jitter(int seed, int stream, long day, int minutes) =>
        TimeSpan.FromMinutes(Math.Floor(WorldRandom.Unit(seed, stream, day) * minutes));
}
