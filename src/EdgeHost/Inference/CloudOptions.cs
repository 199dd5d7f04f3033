namespace EdgeAi.EdgeHost.Inference;

/// <summary>
/// Offload to a cloud model service, model updates and telemetry (configuration section <c>Cloud</c>; the
/// <c>--cloud URL</c> and <c>--cloud-token-file FILE</c> options of run and simulate set the first two keys).
/// Without <see cref="Url"/> every decision is local and nothing leaves the node.
/// </summary>
public sealed class CloudOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Cloud";

    /// <summary>Base address of the model service (Open Inference Protocol v2), http:// or https://.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>File holding the bearer token (keep it 0600); re-read when it changes.</summary>
    public string TokenFile { get; set; } = string.Empty;

    /// <summary>Cloud model asked when the local model is unsure (default: the local model's name).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>
    /// The repository name updates of the local model come from (default: the local model's <c>Inference:Name</c>);
    /// e.g. <c>living_occupancy_int8</c> when the cloud serves the float model as <c>living_occupancy</c>.
    /// </summary>
    public string SyncModel { get; set; } = string.Empty;

    /// <summary>Input tensor name of the cloud model.</summary>
    public string Input { get; set; } = "input";

    /// <summary>Output tensor name (class probabilities) of the cloud model.</summary>
    public string Output { get; set; } = "probabilities";

    /// <summary>Local answers less confident than this (0..1) are escalated to the cloud.</summary>
    public float ConfidenceThreshold { get; set; } = 0.8f;

    /// <summary>How long a decision waits for the cloud before it uses the local answer.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>PEM file with the ECDSA P-256 public key that model manifests must be signed with; empty disables model updates.</summary>
    public string ManifestPublicKeyFile { get; set; } = string.Empty;

    /// <summary>How often the node asks the service for newer model versions.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Forward decisions and readings to the service through the store-and-forward outbox.</summary>
    public bool Telemetry { get; set; } = true;

    /// <summary>Outbox bound in bytes; over it the oldest telemetry is dropped (audit records never are).</summary>
    public long OutboxMaxBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Outbox bound in age; older telemetry is dropped.</summary>
    public TimeSpan OutboxMaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the outbox is drained to the service.</summary>
    public TimeSpan TelemetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when a service address is configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(Url);
}
