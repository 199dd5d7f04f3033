namespace EdgeAi.Devices.Lights;

/// <summary>A dimmable light's state, as a host publishes it.</summary>
/// <param name="IsOn">Whether the light is on.</param>
/// <param name="Brightness">Brightness in percent, 1..100 while on; the level it returns to while off.</param>
public readonly record struct DimmableLightState(bool IsOn, double Brightness);
