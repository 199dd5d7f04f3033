using System.Net;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>Prometheus text at <c>/metrics</c>: requests by outcome, latency, batch sizes, queue depth.</summary>
[Collection(ServiceProcessGroup.Name)]
public sealed class MetricsTests(ServiceFixture fixture)
{
    [Fact]
    public async Task Metrics_AfterInference_CountRequestsLatencyAndBatches()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.PostJsonAsync("/v2/models/simple/infer", InferenceTests.SimpleBatch(2))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client.PostJsonAsync("/v2/models/simple/infer", InferenceTests.SimpleBatch(9))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.PostJsonAsync("/v2/models/no-such-model/infer", "{}")).Status);

        using var response = await fixture.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches("""edgeai_inference_requests_total\{model="simple",version="1",code="200"\} [1-9]""", text);
        Assert.Matches("""edgeai_inference_requests_total\{model="simple",version="",code="400"\} [1-9]""", text);
        // A client cannot create label values: an unknown model is counted as "unknown".
        Assert.Matches("""edgeai_inference_requests_total\{model="unknown",version="",code="404"\} [1-9]""", text);
        Assert.DoesNotContain("no-such-model", text, StringComparison.Ordinal);
        Assert.Matches("""edgeai_inference_duration_seconds_count\{model="simple"\} [1-9]""", text);
        Assert.Matches("""edgeai_batch_size_count\{model="simple"\} [1-9]""", text);
        Assert.Matches("""edgeai_batch_queue_depth\{model="simple",version="1"\} 0""", text);
    }

    [Fact]
    public async Task Metrics_WithoutToken_Is401()
    {
        using var response = await fixture.Anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
