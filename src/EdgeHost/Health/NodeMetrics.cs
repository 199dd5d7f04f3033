using EdgeAi.Cloud.Client.Offload;
using EdgeAi.Cloud.Client.Telemetry;
using EdgeAi.EdgeHost.Bridge;

namespace EdgeAi.EdgeHost.Health;

/// <summary>
/// The node's own counters, rendered by <see cref="MetricsExposition"/>. These are explicit counters rather than
/// System.Diagnostics.Metrics instruments: a <c>Meter</c> only publishes measurements, so serving them would need a
/// <c>MeterListener</c> that aggregates into counters like these anyway; keeping the counters is less code, has no
/// reflection (Native AOT), and the one reader (<c>/metrics</c>) reads them directly. All members are thread-safe.
/// </summary>
internal sealed class NodeMetrics
{
    private Func<int> _statePublishQueueDepth = static () => 0;
    private long _mqttReconnects;

    /// <summary>Commands executed, by entity id.</summary>
    public LabeledCounter Actuations { get; } = new();

    /// <summary>Commands refused, by reason class (<c>validation</c>, <c>code</c>, <c>lockout</c>, <c>device</c>).</summary>
    public LabeledCounter Rejections { get; } = new();

    /// <summary>Inference latency by engine and tier (empty while the node runs no model).</summary>
    public LatencyHistogram InferenceLatency { get; } = new();

    /// <summary>Decisions by tier, when the node runs a model.</summary>
    public InferenceTierCounters? InferenceTiers { get; set; }

    /// <summary>The telemetry outbox, when telemetry is forwarded to a model service.</summary>
    public TelemetryOutbox? Outbox { get; set; }

    /// <summary>Connections to the broker after the first one.</summary>
    public long MqttReconnects => Interlocked.Read(ref _mqttReconnects);

    /// <summary>State changes waiting to be published.</summary>
    public int StatePublishQueueDepth => Volatile.Read(ref _statePublishQueueDepth)();

    /// <summary>Counts a command that was executed.</summary>
    public void RecordActuation(string entityId) => Actuations.Increment(entityId);

    /// <summary>Counts a refused command; an unclassified refusal counts as <see cref="CommandRejection.Device"/>.</summary>
    public void RecordRejection(CommandRejection rejection) =>
        Rejections.Increment((rejection == CommandRejection.None ? CommandRejection.Device : rejection) switch
        {
            CommandRejection.Validation => "validation",
            CommandRejection.Code => "code",
            CommandRejection.Lockout => "lockout",
            _ => "device",
        });

    /// <summary>Counts a connection to the broker that followed a lost one.</summary>
    public void RecordMqttReconnect() => Interlocked.Increment(ref _mqttReconnects);

    /// <summary>Tells the metrics how to read the depth of the bridge's state-publish queue.</summary>
    public void ObserveStatePublishQueue(Func<int> depth)
    {
        ArgumentNullException.ThrowIfNull(depth);
        Volatile.Write(ref _statePublishQueueDepth, depth);
    }
}
