namespace EdgeAi.Cloud.Service.Telemetry;

/// <summary>A telemetry record as stored, with the service's id and receive time.</summary>
/// <param name="Id">Store-wide increasing id (the paging cursor).</param>
/// <param name="Node">The sending node.</param>
/// <param name="Record">The record.</param>
/// <param name="ReceivedAt">When the service first stored it.</param>
internal sealed record StoredTelemetryRecord(long Id, string Node, TelemetryRecord Record, DateTimeOffset ReceivedAt);
