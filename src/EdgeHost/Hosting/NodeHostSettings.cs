using EdgeAi.Devices.Simulation;

namespace EdgeAi.EdgeHost.Hosting;

/// <summary>What the CLI (or a test) hands to <see cref="NodeHost.Create"/>.</summary>
public sealed class NodeHostSettings
{
    /// <summary>Real hardware or the simulated board.</summary>
    public NodeMode Mode { get; init; } = NodeMode.Simulate;

    /// <summary>A JSON configuration file; without it <c>simulate</c> uses the built-in demo house.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Configuration keys from command-line options; they win over the file and the environment.</summary>
    public IDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// In simulate: the simulated GPIO driver to use, so a test can inspect and drive the pins. Owned by the host.
    /// </summary>
    public SimulatedGpioDriver? SimulatedGpio { get; init; }

    /// <summary>The clock; the system clock unless a test or the simulator drives time.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
