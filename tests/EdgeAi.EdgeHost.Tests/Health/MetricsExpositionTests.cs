using EdgeAi.Devices.Sensors;
using EdgeAi.EdgeHost.Bridge;
using EdgeAi.EdgeHost.Health;
using EdgeAi.Testing;

namespace EdgeAi.EdgeHost.Tests.Health;

public sealed class MetricsExpositionTests
{
    [Fact]
    public void Render_FreshNode_IsValidExpositionWithEveryFamily()
    {
        var text = MetricsExposition.Render(new NodeMetrics(), new Dictionary<string, SensorReadStatistics>(), mqttConnected: false);

        var samples = PrometheusText.Parse(text);
        foreach (var family in (string[])["edgeai_sensor_reads_total", "edgeai_actuations_total", "edgeai_command_rejections_total",
            "edgeai_mqtt_reconnects_total", "edgeai_mqtt_connected", "edgeai_state_publish_queue_depth",
            "edgeai_inference_latency_seconds", "process_resident_memory_bytes", "dotnet_gc_collections_total", "dotnet_total_allocated_bytes"])
        {
            Assert.Contains($"# TYPE {family} ", text, StringComparison.Ordinal);
        }

        Assert.Equal(0, samples["edgeai_mqtt_connected"]);
        Assert.Equal(0, samples["edgeai_command_rejections_total{reason=\"lockout\"}"]);
        Assert.True(samples["process_resident_memory_bytes"] > 0);
        Assert.True(samples["dotnet_gc_collections_total{generation=\"0\"}"] >= 0);
    }

    [Fact]
    public void Render_RecordedCommandsAndReads_AppearAsLabelledCounters()
    {
        var metrics = new NodeMetrics();
        metrics.RecordActuation("porch_light");
        metrics.RecordActuation("porch_light");
        metrics.RecordRejection(CommandRejection.Code);
        metrics.RecordRejection(CommandRejection.None);
        metrics.RecordMqttReconnect();
        metrics.ObserveStatePublishQueue(() => 3);
        var statistics = new SensorReadStatistics();
        statistics.RecordSuccess();
        statistics.RecordFailure(SensorReadFailure.CrcMismatch);

        var samples = PrometheusText.Parse(MetricsExposition.Render(metrics, new Dictionary<string, SensorReadStatistics> { ["living_climate"] = statistics }, mqttConnected: true));

        Assert.Equal(2, samples["edgeai_actuations_total{entity=\"porch_light\"}"]);
        Assert.Equal(1, samples["edgeai_command_rejections_total{reason=\"code\"}"]);
        Assert.Equal(1, samples["edgeai_command_rejections_total{reason=\"device\"}"]);
        Assert.Equal(0, samples["edgeai_command_rejections_total{reason=\"validation\"}"]);
        Assert.Equal(1, samples["edgeai_mqtt_reconnects_total"]);
        Assert.Equal(1, samples["edgeai_mqtt_connected"]);
        Assert.Equal(3, samples["edgeai_state_publish_queue_depth"]);
        Assert.Equal(1, samples["edgeai_sensor_reads_total{device=\"living_climate\",result=\"success\"}"]);
        Assert.Equal(1, samples["edgeai_sensor_reads_total{device=\"living_climate\",result=\"failure\"}"]);
    }

    [Fact]
    public void Render_InferenceLatency_CumulativeBucketsSumAndCount()
    {
        var metrics = new NodeMetrics();
        metrics.InferenceLatency.Observe("int8", "edge", TimeSpan.FromMilliseconds(3));
        metrics.InferenceLatency.Observe("int8", "edge", TimeSpan.FromMilliseconds(300));

        var samples = PrometheusText.Parse(MetricsExposition.Render(metrics, new Dictionary<string, SensorReadStatistics>(), mqttConnected: false));

        const string Labels = "engine=\"int8\",tier=\"edge\"";
        Assert.Equal(0, samples[$"edgeai_inference_latency_seconds_bucket{{{Labels},le=\"0.001\"}}"]);
        Assert.Equal(1, samples[$"edgeai_inference_latency_seconds_bucket{{{Labels},le=\"0.005\"}}"]);
        Assert.Equal(2, samples[$"edgeai_inference_latency_seconds_bucket{{{Labels},le=\"0.5\"}}"]);
        Assert.Equal(2, samples[$"edgeai_inference_latency_seconds_bucket{{{Labels},le=\"+Inf\"}}"]);
        Assert.Equal(2, samples[$"edgeai_inference_latency_seconds_count{{{Labels}}}"]);
        Assert.Equal(0.303, samples[$"edgeai_inference_latency_seconds_sum{{{Labels}}}"], 9);
    }

    [Fact]
    public void Sample_LabelValueWithQuoteBackslashAndNewline_IsEscaped()
    {
        var writer = new PrometheusWriter();
        writer.Family("x_total", "counter", "help with \\ and\nnewline");
        writer.Sample("x_total", 1, ("id", "a\"b\\c\nd"));

        var text = writer.ToString();

        Assert.Equal("# HELP x_total help with \\\\ and\\nnewline\n# TYPE x_total counter\nx_total{id=\"a\\\"b\\\\c\\nd\"} 1\n", text);
        Assert.Single(PrometheusText.Parse(text));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.25, "0.25")]
    [InlineData(1e21, "1E+21")]
    public void Format_SpecialAndLargeValues_UseTheFormatsSpelling(double value, string expected)
    {
        Assert.Equal(expected, PrometheusWriter.Format(value));
    }
}
