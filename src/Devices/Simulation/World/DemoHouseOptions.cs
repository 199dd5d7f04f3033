namespace EdgeAi.Devices.Simulation.World;

/// <summary>How to build the demo house.</summary>
public sealed record DemoHouseOptions
{
    /// <summary>Seed of every random choice of the world (routines, clouds, pedestrians, window airing).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Where the house keeps its physical state (<see cref="HouseStateFile.FileName"/>); null keeps it in memory only.
    /// With a saved state the house resumes it, simulated time included, and <see cref="Start"/> is not used.
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>Simulated time of the first ever start: a late-November midnight (UTC, the house's local time).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Living-room temperature at the first ever start, °C.</summary>
    public double InitialRoomCelsius { get; init; } = 19.0;

    /// <summary>Simulated time between physics steps.</summary>
    public TimeSpan PhysicsStep { get; init; } = TimeSpan.FromSeconds(10);
}
