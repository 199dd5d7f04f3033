namespace EdgeAi.Devices.Simulation.World;

/// <summary>A relay contact fault: the load follows the coil, or the contact is welded shut or burnt open.</summary>
public enum RelayFault
{
    /// <summary>No fault: the load is powered while the relay's line drives it on.</summary>
    None,

    /// <summary>Welded contact: the load stays powered whatever the line does.</summary>
    StuckOn,

    /// <summary>Burnt-open contact: the load stays off whatever the line does.</summary>
    StuckOff,
}
