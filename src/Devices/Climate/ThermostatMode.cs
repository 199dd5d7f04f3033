namespace EdgeAi.Devices.Climate;

/// <summary>Thermostat modes, named as Home Assistant's climate <c>modes</c>.</summary>
public enum ThermostatMode
{
    /// <summary>No heating or cooling; both relays off.</summary>
    Off,

    /// <summary>Heat toward the target.</summary>
    Heat,

    /// <summary>Cool toward the target.</summary>
    Cool,

    /// <summary>Heat or cool, whichever the temperature needs (needs both relays).</summary>
    Auto,
}
