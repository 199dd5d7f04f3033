namespace EdgeAi.Cloud.Client.Telemetry;

/// <summary>A queued record as it goes on the wire.</summary>
/// <param name="Id">Row id (order of enqueueing).</param>
/// <param name="Stream">Stream name.</param>
/// <param name="Key">Idempotency key (database epoch and sequence), unique per node and stream.</param>
/// <param name="Sequence">Sequence within the stream.</param>
/// <param name="Timestamp">When it was enqueued.</param>
/// <param name="Payload">JSON payload text.</param>
internal sealed record OutboxRecord(long Id, string Stream, string Key, long Sequence, DateTimeOffset Timestamp, string Payload);
