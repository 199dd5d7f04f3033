namespace EdgeAi.EdgeHost.Board;

/// <summary>An on/off light in the manifest.</summary>
public sealed class LightOptions
{
    /// <summary>Entity id used in topics and unique ids: 1 to 64 characters of <c>[a-z0-9_]</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Name shown in Home Assistant.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Logical GPIO line (BCM number on a Raspberry Pi).</summary>
    public int Pin { get; set; } = -1;

    /// <summary>True when the relay closes on a low level.</summary>
    public bool ActiveLow { get; set; }
}
