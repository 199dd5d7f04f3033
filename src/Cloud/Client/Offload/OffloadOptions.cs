namespace EdgeAi.Cloud.Client.Offload;

/// <summary>When the router escalates and how long it waits.</summary>
public sealed class OffloadOptions
{
    /// <summary>A local answer with confidence below this goes to the cloud. Default 0.8.</summary>
    public float ConfidenceThreshold { get; set; } = 0.8f;

    /// <summary>How long the cloud may take before the local answer is used. Default 300 ms (issue 6).</summary>
    public TimeSpan CloudDeadline { get; set; } = TimeSpan.FromMilliseconds(300);
}
