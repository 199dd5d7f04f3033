namespace EdgeAi.Devices.Simulation.World;

/// <summary>Where an occupant of the demo house is.</summary>
public enum OccupantPlace
{
    /// <summary>In the bedroom (asleep, or getting up).</summary>
    Bedroom,

    /// <summary>In the living room (breathing into the living-room air).</summary>
    Living,

    /// <summary>Out of the house.</summary>
    Away,
}
