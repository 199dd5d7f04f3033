namespace EdgeAi.Cloud.Service.Telemetry;

/// <summary>One telemetry record as a node sends it.</summary>
/// <param name="Stream">Stream name (e.g. <c>readings</c>, <c>audit</c>); order is kept per stream.</param>
/// <param name="Key">Idempotency key, unique per node and stream: a retried record is stored once.</param>
/// <param name="Sequence">The node's sequence number within the stream.</param>
/// <param name="Timestamp">When the node recorded it.</param>
/// <param name="Payload">The record's JSON value, stored as sent.</param>
internal sealed record TelemetryRecord(string Stream, string Key, long Sequence, DateTimeOffset Timestamp, string Payload);
