namespace EdgeAi.EdgeHost.Board;

/// <summary>The board and the devices wired to it (configuration keys <c>Board:Name</c> and <c>Devices</c>).</summary>
public sealed class DeviceManifest
{
    /// <summary>A board map name from <c>hardware/boards</c>.</summary>
    public string Board { get; set; } = string.Empty;

    /// <summary>The devices, in manifest order.</summary>
    public List<DeviceOptions> Devices { get; } = [];
}
