namespace EdgeAi.Devices.Climate;

/// <summary>What the thermostat is doing now, named as Home Assistant's climate <c>action_topic</c> values.</summary>
public enum ThermostatAction
{
    /// <summary>Mode off (or a fault): nothing runs.</summary>
    Off,

    /// <summary>Active mode, no relay on.</summary>
    Idle,

    /// <summary>The heater relay is on.</summary>
    Heating,

    /// <summary>The cooler relay is on.</summary>
    Cooling,
}
