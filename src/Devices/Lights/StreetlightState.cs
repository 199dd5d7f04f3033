namespace EdgeAi.Devices.Lights;

/// <summary>A streetlight's state, as a host publishes it.</summary>
/// <param name="Mode">Why it has its brightness.</param>
/// <param name="Brightness">Brightness in percent (0 = off).</param>
/// <param name="ManualUntil">When a manual override ends (the next schedule boundary), or null.</param>
public sealed record StreetlightState(StreetlightMode Mode, double Brightness, DateTimeOffset? ManualUntil);
