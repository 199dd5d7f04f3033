namespace EdgeAi.Cloud.Client.Offload;

/// <summary>Which tier made a decision (the Home Assistant sensor <c>inference_tier</c> shows <see cref="InferenceTiers.WireName"/>).</summary>
public enum InferenceTier
{
    /// <summary>The local model was confident enough: <c>local</c>.</summary>
    Local,

    /// <summary>The cloud model answered within the deadline: <c>cloud</c>.</summary>
    Cloud,

    /// <summary>The cloud was asked for or needed but unavailable, late or failing; the local answer was used: <c>local-fallback</c>.</summary>
    LocalFallback,
}
