namespace EdgeAi.Devices.Sensors.Gpio;

/// <summary>What a contact guards, which decides its Home Assistant device class (<c>door</c> or <c>window</c>).</summary>
public enum ContactKind
{
    /// <summary>A door (device class <c>door</c>).</summary>
    Door,

    /// <summary>A window (device class <c>window</c>).</summary>
    Window,
}
