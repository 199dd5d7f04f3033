using System.Globalization;
using EdgeAi.Devices.Sensors;

namespace EdgeAi.EdgeHost.Health;

/// <summary>Renders the node's metrics for <c>/metrics</c>. Nothing secret: ids, counts and sizes only.</summary>
internal static class MetricsExposition
{
    /// <summary>Renders every metric family in the text exposition format 0.0.4.</summary>
    public static string Render(NodeMetrics metrics, IReadOnlyDictionary<string, SensorReadStatistics> sensors, bool mqttConnected)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(sensors);
        var w = new PrometheusWriter();
        var ordered = sensors.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();

        w.Family("edgeai_sensor_reads_total", "counter", "Sensor reads by device and result (success or failure).");
        foreach (var (device, statistics) in ordered)
        {
            w.Sample("edgeai_sensor_reads_total", statistics.Successes, ("device", device), ("result", "success"));
            w.Sample("edgeai_sensor_reads_total", statistics.Failures, ("device", device), ("result", "failure"));
        }

        w.Family("edgeai_actuations_total", "counter", "Commands executed, by entity.");
        foreach (var (entity, count) in metrics.Actuations.Snapshot())
        {
            w.Sample("edgeai_actuations_total", count, ("entity", entity));
        }

        w.Family("edgeai_command_rejections_total", "counter", "Commands refused, by reason class (validation, code, lockout, device).");
        foreach (var reason in (string[])["validation", "code", "lockout", "device"])
        {
            w.Sample("edgeai_command_rejections_total", metrics.Rejections.Get(reason), ("reason", reason));
        }

        w.Family("edgeai_mqtt_reconnects_total", "counter", "Connections to the MQTT broker after the first one.");
        w.Sample("edgeai_mqtt_reconnects_total", metrics.MqttReconnects);
        w.Family("edgeai_mqtt_connected", "gauge", "1 while the node is connected to its MQTT broker, else 0.");
        w.Sample("edgeai_mqtt_connected", mqttConnected ? 1 : 0);
        w.Family("edgeai_state_publish_queue_depth", "gauge", "Entity state changes waiting to be published to MQTT.");
        w.Sample("edgeai_state_publish_queue_depth", metrics.StatePublishQueueDepth);

        w.Family("edgeai_inference_latency_seconds", "histogram", "Inference latency by engine and tier. Empty while the node runs no model.");
        foreach (var (engine, tier, buckets, count, sum) in metrics.InferenceLatency.Snapshot())
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                w.Sample("edgeai_inference_latency_seconds_bucket", buckets[i], ("engine", engine), ("tier", tier), ("le", PrometheusWriter.Format(LatencyHistogram.Bounds[i])));
            }

            w.Sample("edgeai_inference_latency_seconds_bucket", count, ("engine", engine), ("tier", tier), ("le", "+Inf"));
            w.Sample("edgeai_inference_latency_seconds_sum", sum, ("engine", engine), ("tier", tier));
            w.Sample("edgeai_inference_latency_seconds_count", count, ("engine", engine), ("tier", tier));
        }

        w.Family("edgeai_inference_decisions_total", "counter", "On-device decisions by tier (local, cloud, local-fallback). Empty while the node runs no model.");
        if (metrics.InferenceTiers is { } tiers)
        {
            w.Sample("edgeai_inference_decisions_total", tiers.Local, ("tier", "local"));
            w.Sample("edgeai_inference_decisions_total", tiers.Cloud, ("tier", "cloud"));
            w.Sample("edgeai_inference_decisions_total", tiers.LocalFallback, ("tier", "local-fallback"));
        }

        w.Family("edgeai_telemetry_records_total", "counter", "Telemetry outbox records since start, by outcome (queued, sent, dropped). Empty without telemetry.");
        if (metrics.Outbox is { } outbox)
        {
            w.Sample("edgeai_telemetry_records_total", outbox.Queued, ("outcome", "queued"));
            w.Sample("edgeai_telemetry_records_total", outbox.Sent, ("outcome", "sent"));
            w.Sample("edgeai_telemetry_records_total", outbox.Dropped, ("outcome", "dropped"));
        }

        w.Family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
        w.Sample("process_resident_memory_bytes", Environment.WorkingSet);
        w.Family("dotnet_gc_collections_total", "counter", "Garbage collections since the process started, by generation.");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            w.Sample("dotnet_gc_collections_total", GC.CollectionCount(generation), ("generation", generation.ToString(CultureInfo.InvariantCulture)));
        }

        // Monotonic, but the conventional name has no _total suffix, so it is exposed as a gauge (as prometheus-net does).
        w.Family("dotnet_total_allocated_bytes", "gauge", "Bytes allocated on the managed heap since the process started.");
        w.Sample("dotnet_total_allocated_bytes", GC.GetTotalAllocatedBytes());
        return w.ToString();
    }
}
