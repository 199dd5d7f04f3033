using System.Net;
using System.Text.Json;
using EdgeAi.Cloud.Client.Oip;
using EdgeAi.Cloud.Client.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace EdgeAi.Cloud.Client.Tests.Oip;

public sealed class OipClientTests
{
    [Fact]
    public async Task InferAsync_WritesOipJson_ReadsOutputs()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.OK, """
            {"model_name":"m","model_version":"2","id":"r1","outputs":[
              {"name":"P","datatype":"FP32","shape":[1,2],"data":[0.25,0.75]},
              {"name":"C","datatype":"INT64","shape":[1],"data":[9007199254740993]}]}
            """));
        using var http = TestCloud.Http(handler);
        var client = new OipClient(http);

        var result = await client.InferAsync(
            "m", [InferTensor.Fp32("x", [1, 2], [1.5f, -2f]), InferTensor.OfInt64("n", [1], [9007199254740993])], ["P", "C"], id: "r1");

        var (method, path, body, _) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal("/v2/models/m/infer", path);
        using var request = JsonDocument.Parse(body!);
        var inputs = request.RootElement.GetProperty("inputs");
        Assert.Equal("FP32", inputs[0].GetProperty("datatype").GetString());
        Assert.Equal("[1.5,-2]", inputs[0].GetProperty("data").GetRawText());
        Assert.Equal("[9007199254740993]", inputs[1].GetProperty("data").GetRawText());
        Assert.Equal("P", request.RootElement.GetProperty("outputs")[0].GetProperty("name").GetString());
        Assert.Equal("2", result.ModelVersion);
        Assert.Equal([0.25, 0.75], result.Output("P").Reals!);
        Assert.Equal(9007199254740993, Assert.Single(result.Output("C").Integers!));
    }

    [Fact]
    public async Task InferAsync_ShapeDataMismatch_ThrowsBeforeSending()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.OK, "{}"));
        using var http = TestCloud.Http(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => new OipClient(http).InferAsync("m", [InferTensor.Fp32("x", [1, 3], [1f, 2f])]));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetModelMetadataAsync_ParsesTensorsWithVariableDims()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.OK, """
            {"name":"simple","versions":["1"],"platform":"onnxruntime_onnx",
             "inputs":[{"name":"INPUT0","datatype":"FP32","shape":[-1,4]}],"outputs":[{"name":"OUTPUT0","datatype":"FP32","shape":[-1,4]}]}
            """));
        using var http = TestCloud.Http(handler);

        var metadata = await new OipClient(http).GetModelMetadataAsync("simple");

        Assert.Equal("onnxruntime_onnx", metadata.Platform);
        Assert.Equal([-1L, 4L], metadata.Inputs[0].Shape);
        Assert.Equal("/v2/models/simple", handler.Requests.Single().Path);
    }

    [Fact]
    public async Task IsReadyAsync_TransientFailure_IsRetried()
    {
        var calls = 0;
        var handler = new FakeHandler((_, _) => ++calls == 1
            ? FakeHandler.Json(HttpStatusCode.ServiceUnavailable, """{"error":"loading"}""")
            : FakeHandler.Json(HttpStatusCode.OK, """{"ready":true}"""));
        using var http = TestCloud.Http(handler);

        Assert.True(await new OipClient(http).IsReadyAsync());
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task InferAsync_TransientFailure_IsNotRetried_AndCarriesServiceMessage()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.ServiceUnavailable, """{"error":"model 'm' is not serving"}"""));
        using var http = TestCloud.Http(handler);

        var error = await Assert.ThrowsAsync<CloudRequestException>(() => new OipClient(http).InferAsync("m", [InferTensor.Fp32("x", [1], [1f])]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("model 'm' is not serving", error.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Circuit_RepeatedFailures_OpensAndRefusesWithoutCalling()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.InternalServerError, """{"error":"boom"}"""));
        using var http = TestCloud.Http(handler, configure: o => { o.MaxRetries = 0; o.CircuitMinimumThroughput = 2; });
        var client = new OipClient(http);

        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<CloudRequestException>(() => client.InferAsync("m", [InferTensor.Fp32("x", [1], [1f])]));
        }

        Assert.False(http.IsAvailable);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.InferAsync("m", [InferTensor.Fp32("x", [1], [1f])]));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task PerTryTimeout_HungServer_TimesOutOnTheTimeProvider()
    {
        var time = new FakeTimeProvider();
        var handler = new FakeHandler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var http = TestCloud.Http(handler, time, o => { o.MaxRetries = 0; o.PerTryTimeout = TimeSpan.FromSeconds(2); });

        var call = new OipClient(http).InferAsync("m", [InferTensor.Fp32("x", [1], [1f])]);
        await handler.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task BearerToken_ReadFromFile_SentOnEveryCall()
    {
        var tokenFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(tokenFile, "eai_secret-1\n");
            var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.OK, """{"live":true}"""));
            using var http = TestCloud.Http(handler, configure: o => o.TokenFile = tokenFile);

            Assert.True(await new OipClient(http).IsLiveAsync());

            Assert.Equal("Bearer eai_secret-1", handler.Requests.Single().Authorization);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task IsModelReadyAsync_4xx_IsFalse()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.BadRequest, """{"ready":false}"""));
        using var http = TestCloud.Http(handler);

        Assert.False(await new OipClient(http).IsModelReadyAsync("m", "2"));
        Assert.Equal("/v2/models/m/versions/2/ready", handler.Requests.Single().Path);
    }
}
