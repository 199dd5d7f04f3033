namespace EdgeAi.Cloud.Client.Offload;

/// <summary>One decision: the answer used, the tier it came from, and why the cloud was not used when it fell back.</summary>
/// <param name="Answer">The answer acted on.</param>
/// <param name="Tier">The tier that gave it.</param>
/// <param name="FallbackReason">For <see cref="InferenceTier.LocalFallback"/>: <c>circuit-open</c>, <c>deadline</c> or <c>error</c>.</param>
public sealed record OffloadDecision(ModelAnswer Answer, InferenceTier Tier, string? FallbackReason = null);
