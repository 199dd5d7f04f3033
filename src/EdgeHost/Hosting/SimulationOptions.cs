using EdgeAi.Devices.Simulation.Clock;

namespace EdgeAi.EdgeHost.Hosting;

/// <summary>How <c>edgeai simulate</c> runs its world (configuration section <c>Simulation</c>).</summary>
public sealed class SimulationOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Simulation";

    /// <summary>Simulated seconds per wall-clock second, or <c>max</c> (as fast as the CPU allows).</summary>
    public string TimeScale { get; set; } = "1";

    /// <summary>Stop after this much simulated time (<c>90s</c>, <c>15m</c>, <c>6h</c>, <c>1d</c>); empty runs until stopped.</summary>
    public string? Duration { get; set; }

    /// <summary>Where to write the report (heating-day.png) when the run ends.</summary>
    public string? ReportDirectory { get; set; }

    /// <summary>Seed of the world's random choices.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>A fault scenario: <c>bolt-jam</c>, <c>sensor-stuck</c>, <c>heater-relay-stuck</c>, <c>i2c-nack</c>, <c>window-open</c>, <c>door-forced</c>.</summary>
    public string? Scenario { get; set; }

    /// <summary>
    /// Record a training data set here (CSV): the model's input windows from the <c>Inference</c> section's features
    /// with the demo house's ground truth as the label. Built-in demo house only.
    /// </summary>
    public string? RecordFile { get; set; }

    /// <summary>The known scenarios.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = ["bolt-jam", "sensor-stuck", "heater-relay-stuck", "i2c-nack", "window-open", "door-forced"];

    /// <summary>The parsed time scale.</summary>
    public SimulationSpeed Speed => SimulationSpeed.Parse(TimeScale);

    /// <summary>The parsed duration, or null.</summary>
    public TimeSpan? RunFor => string.IsNullOrEmpty(Duration) ? null : SimulatedDuration.Parse(Duration);
}
