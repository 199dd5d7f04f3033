namespace EdgeAi.EdgeHost.Board;

/// <summary>The device manifest (configuration section <c>Devices</c>).</summary>
public sealed class DevicesOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Devices";

    /// <summary>On/off lights switched by a GPIO line.</summary>
    public List<LightOptions> Lights { get; } = [];
}
