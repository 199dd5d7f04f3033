namespace EdgeAi.Cloud.Client.Telemetry;

/// <summary>Whether a queued record may be dropped when the outbox is full or old.</summary>
public enum OutboxRecordKind
{
    /// <summary>Readings and events: the oldest are dropped first when over the byte or age bound.</summary>
    Telemetry = 0,

    /// <summary>Commands and audit records: never dropped.</summary>
    Durable = 1,
}
