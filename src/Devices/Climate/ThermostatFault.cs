namespace EdgeAi.Devices.Climate;

/// <summary>Why the thermostat stopped controlling. Any fault switches every relay off at once.</summary>
public enum ThermostatFault
{
    /// <summary>No fault.</summary>
    None,

    /// <summary>No reading has been received yet since start.</summary>
    NoReading,

    /// <summary>The sensor returned NaN or infinity.</summary>
    NotFinite,

    /// <summary>The sensor returned a value outside the physical range configured for the room.</summary>
    OutOfPhysicalRange,

    /// <summary>The newest reading is older than the staleness limit.</summary>
    Stale,
}
