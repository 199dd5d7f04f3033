namespace EdgeAi.Cloud.Client.Sync;

/// <summary>One audited model update decision.</summary>
/// <param name="Timestamp">When it was decided.</param>
/// <param name="Model">Model name.</param>
/// <param name="Version">Offered version.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">Why (for rejections and roll-backs), e.g. <c>signature does not verify</c>.</param>
public sealed record ModelSyncAuditRecord(DateTimeOffset Timestamp, string Model, long Version, ModelSyncOutcome Outcome, string? Reason);
