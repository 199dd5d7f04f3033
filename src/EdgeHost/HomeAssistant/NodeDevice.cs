namespace EdgeAi.EdgeHost.HomeAssistant;

/// <summary>The Home Assistant device block shared by every entity of the node.</summary>
/// <param name="Name">Shown as the device name.</param>
/// <param name="Model">The board or "simulated board".</param>
/// <param name="SoftwareVersion">EdgeAi version.</param>
public sealed record NodeDevice(string Name, string Model, string SoftwareVersion);
