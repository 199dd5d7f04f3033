using System.Net;
using System.Text.Json;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>Inference over JSON: both data layouts, every datatype, output selection, id and parameters.</summary>
[Collection(ServiceProcessGroup.Name)]
public sealed class InferenceTests(ServiceFixture fixture)
{
    private const string SimpleNested = """
        {"id": "req-7", "parameters": {"trace": "abc", "n": 3},
         "inputs": [
           {"name": "INPUT0", "shape": [2, 4], "datatype": "FP32", "data": [[1, 2, 3, 4], [5, 6, 7, 8]]},
           {"name": "INPUT1", "shape": [2, 4], "datatype": "FP32", "data": [[1, 1, 1, 1], [0.5, 0.5, 0.5, 0.5]]}]}
        """;

    [Fact]
    public async Task Infer_NestedData_ComputesAddAndSub()
    {
        var (status, body) = await fixture.Client.PostJsonAsync("/v2/models/simple/infer", SimpleNested);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("simple", body.GetProperty("model_name").GetString());
        Assert.Equal("1", body.GetProperty("model_version").GetString());
        var sum = body.Output("OUTPUT0");
        Assert.Equal("FP32", sum.GetProperty("datatype").GetString());
        Assert.Equal([2L, 4L], sum.Shape());
        Assert.Equal([2f, 3, 4, 5, 5.5f, 6.5f, 7.5f, 8.5f], sum.Floats());
        Assert.Equal([0f, 1, 2, 3, 4.5f, 5.5f, 6.5f, 7.5f], body.Output("OUTPUT1").Floats());
    }

    [Fact]
    public async Task Infer_FlatData_SameAnswerAsNested()
    {
        const string flat = """
            {"inputs": [
              {"name": "INPUT0", "shape": [2, 4], "datatype": "FP32", "data": [1, 2, 3, 4, 5, 6, 7, 8]},
              {"name": "INPUT1", "shape": [2, 4], "datatype": "FP32", "data": [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5]}]}
            """;
        var (status, body) = await fixture.Client.PostJsonAsync("/v2/models/simple/infer", flat);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([2f, 3, 4, 5, 5.5f, 6.5f, 7.5f, 8.5f], body.Output("OUTPUT0").Floats());
    }

    [Fact]
    public async Task Infer_IdAndParameters_AreEchoed()
    {
        var (_, body) = await fixture.Client.PostJsonAsync("/v2/models/simple/infer", SimpleNested);
        Assert.Equal("req-7", body.GetProperty("id").GetString());
        Assert.Equal("abc", body.GetProperty("parameters").GetProperty("trace").GetString());
        Assert.Equal(3, body.GetProperty("parameters").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Infer_NoId_ResponseHasNoId()
    {
        const string request = """
            {"inputs": [
              {"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]},
              {"name": "INPUT1", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}]}
            """;
        var (status, body) = await fixture.Client.PostJsonAsync("/v2/models/simple/infer", request);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Infer_OutputSelection_ReturnsOnlyRequested()
    {
        var request = SimpleNested.TrimEnd().TrimEnd('}') + """, "outputs": [{"name": "OUTPUT1"}]}""";
        var (status, body) = await fixture.Client.PostJsonAsync("/v2/models/simple/infer", request);
        Assert.Equal(HttpStatusCode.OK, status);
        var outputs = body.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Single(outputs);
        Assert.Equal("OUTPUT1", outputs[0].GetProperty("name").GetString());
    }

    /// <summary>Every required datatype goes through ONNX Runtime and back unchanged, including range edges.</summary>
    [Fact]
    public async Task Infer_AllDatatypes_RoundTripExactly()
    {
        const string request = """
            {"inputs": [
              {"name": "IN_BOOL", "shape": [3], "datatype": "BOOL", "data": [true, false, true]},
              {"name": "IN_UINT8", "shape": [2], "datatype": "UINT8", "data": [0, 255]},
              {"name": "IN_INT8", "shape": [2], "datatype": "INT8", "data": [-128, 127]},
              {"name": "IN_INT32", "shape": [2], "datatype": "INT32", "data": [-2147483648, 2147483647]},
              {"name": "IN_INT64", "shape": [2], "datatype": "INT64", "data": [-9223372036854775808, 9007199254740993]},
              {"name": "IN_FP32", "shape": [2], "datatype": "FP32", "data": [1.1, -3.5e30]},
              {"name": "IN_FP64", "shape": [2], "datatype": "FP64", "data": [0.1, -1e300]}]}
            """;
        var (status, body) = await fixture.Client.PostJsonAsync("/v2/models/all_types/infer", request);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([true, false, true], body.Output("OUT_BOOL").GetProperty("data").EnumerateArray().Select(e => e.GetBoolean()));
        Assert.Equal([0, 255], body.Output("OUT_UINT8").GetProperty("data").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([-128, 127], body.Output("OUT_INT8").GetProperty("data").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([int.MinValue, int.MaxValue], body.Output("OUT_INT32").GetProperty("data").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([long.MinValue, 9007199254740993L], body.Output("OUT_INT64").GetProperty("data").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([1.1f, -3.5e30f], body.Output("OUT_FP32").Floats());
        Assert.Equal([0.1, -1e300], body.Output("OUT_FP64").GetProperty("data").EnumerateArray().Select(e => e.GetDouble()));
        foreach (var (name, type) in new[] { ("OUT_BOOL", "BOOL"), ("OUT_UINT8", "UINT8"), ("OUT_INT8", "INT8"), ("OUT_INT32", "INT32"), ("OUT_INT64", "INT64"), ("OUT_FP32", "FP32"), ("OUT_FP64", "FP64") })
        {
            Assert.Equal(type, body.Output(name).GetProperty("datatype").GetString());
        }
    }

    [Fact]
    public async Task Infer_ExplicitVersion_IsServedByThatVersion()
    {
        const string request = """{"inputs": [{"name": "x", "shape": [2], "datatype": "FP32", "data": [10, 20]}]}""";
        var (status1, v1) = await fixture.Client.PostJsonAsync("/v2/models/versioned/versions/1/infer", request);
        var (statusLatest, latest) = await fixture.Client.PostJsonAsync("/v2/models/versioned/infer", request);
        Assert.Equal(HttpStatusCode.OK, status1);
        Assert.Equal(HttpStatusCode.OK, statusLatest);
        Assert.Equal([11f, 21f], v1.Output("y").Floats());
        Assert.Equal("1", v1.GetProperty("model_version").GetString());
        Assert.Equal([13f, 23f], latest.Output("y").Floats());
        Assert.Equal("3", latest.GetProperty("model_version").GetString());
    }

    [Fact]
    public async Task Infer_BatchAtMaxBatchSize_Succeeds()
    {
        var (status, body) = await fixture.Client.PostJsonAsync("/v2/models/simple/infer", SimpleBatch(8));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([8L, 4L], body.Output("OUTPUT0").Shape());
    }

    [Fact]
    public async Task Infer_BatchOverMaxBatchSize_Is400()
    {
        Http.AssertError(await fixture.Client.PostJsonAsync("/v2/models/simple/infer", SimpleBatch(9)), HttpStatusCode.BadRequest, "max_batch_size");
    }

    /// <summary>
    /// "simple" has dynamic_batching: concurrent requests may be merged into one run and split back; each
    /// client must still get exactly its own rows.
    /// </summary>
    [Fact]
    public async Task Infer_ConcurrentRequestsOnBatchingModel_EachGetsItsOwnAnswer()
    {
        async Task Check(int k)
        {
            var rows = (k % 3) + 1;
            var data = string.Join(",", Enumerable.Range(0, rows * 4).Select(i => k * 100 + i));
            var request = $$"""
                {"inputs": [
                  {"name": "INPUT0", "shape": [{{rows}}, 4], "datatype": "FP32", "data": [{{data}}]},
                  {"name": "INPUT1", "shape": [{{rows}}, 4], "datatype": "FP32", "data": [{{data}}]}],
                 "outputs": [{"name": "OUTPUT0"}]}
                """;
            var (status, body) = await fixture.Client.PostJsonAsync("/v2/models/simple/infer", request);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal([rows, 4L], body.Output("OUTPUT0").Shape());
            Assert.Equal(Enumerable.Range(0, rows * 4).Select(i => 2f * (k * 100 + i)), body.Output("OUTPUT0").Floats());
        }

        await Task.WhenAll(Enumerable.Range(0, 48).Select(k => Task.Run(() => Check(k))));
    }

    internal static string SimpleBatch(int batch)
    {
        var data = string.Join(",", Enumerable.Repeat("[1,2,3,4]", batch));
        return $$"""
            {"inputs": [
              {"name": "INPUT0", "shape": [{{batch}}, 4], "datatype": "FP32", "data": [{{data}}]},
              {"name": "INPUT1", "shape": [{{batch}}, 4], "datatype": "FP32", "data": [{{data}}]}]}
            """;
    }
}
