namespace EdgeAi.Cloud.Client.Telemetry;

/// <summary>Settings of <see cref="TelemetryOutbox"/>.</summary>
public sealed class TelemetryOutboxOptions
{
    /// <summary>SQLite database file (created, WAL). Required.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>Node name sent with each batch; with authentication it must equal the token's name (null: the service takes the token's name).</summary>
    public string? NodeId { get; set; }

    /// <summary>Bound on queued bytes; over it the oldest telemetry is dropped. Default 16 MiB.</summary>
    public long MaxBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Telemetry older than this is dropped. Default 7 days.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Records per POST (the service takes at most 1000). Default 200.</summary>
    public int BatchSize { get; set; } = 200;
}
