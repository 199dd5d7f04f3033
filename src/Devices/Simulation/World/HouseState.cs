namespace EdgeAi.Devices.Simulation.World;

/// <summary>
/// The physical state of the simulated house that outlives the process, as a real house outlives a reboot: what the
/// world needs to resume exactly where it stood.
/// </summary>
public sealed record HouseState
{
    /// <summary>Format version; a file with another version is refused.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Simulated time the state was taken at.</summary>
    public DateTimeOffset SimulatedTime { get; init; }

    /// <summary>Living-room air temperature, °C.</summary>
    public double LivingTemperatureCelsius { get; init; }

    /// <summary>Living-room CO2, ppm.</summary>
    public double LivingCo2Ppm { get; init; }

    /// <summary>Living-room water vapour, kg/m³.</summary>
    public double LivingVapourDensity { get; init; }

    /// <summary>Whether the front-door bolt is thrown.</summary>
    public bool BoltThrown { get; init; }

    /// <summary>Whether the front door stands open.</summary>
    public bool DoorOpen { get; init; }

    /// <summary>Whether the living-room window stands open.</summary>
    public bool WindowOpen { get; init; }

    /// <summary>Output lines driven high (relay coils): GPIO numbers.</summary>
    public IReadOnlyList<int> OutputsHigh { get; init; } = [];

    /// <summary>Where each occupant is.</summary>
    public IReadOnlyList<OccupantPlace> Occupants { get; init; } = [];
}
