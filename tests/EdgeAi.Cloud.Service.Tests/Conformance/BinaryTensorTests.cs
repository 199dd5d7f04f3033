using System.Net;
using System.Text;
using System.Text.Json;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>Triton's binary tensor extension: binary inputs after the JSON header, binary outputs on request.</summary>
[Collection(ServiceProcessGroup.Name)]
public sealed class BinaryTensorTests(ServiceFixture fixture)
{
    private static byte[] FloatBytes(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static async Task<HttpResponseMessage> PostBinaryAsync(HttpClient client, string path, string json, byte[] binary)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var content = new ByteArrayContent([.. header, .. binary]);
        content.Headers.ContentType = new("application/octet-stream");
        content.Headers.Add("Inference-Header-Content-Length", header.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await client.PostAsync(path, content);
    }

    [Fact]
    public async Task Infer_BinaryInputs_JsonOutputs()
    {
        const string json = """
            {"inputs": [
              {"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "parameters": {"binary_data_size": 16}},
              {"name": "INPUT1", "shape": [1, 4], "datatype": "FP32", "parameters": {"binary_data_size": 16}}]}
            """;
        using var response = await PostBinaryAsync(fixture.Client, "/v2/models/simple/infer", json, [.. FloatBytes(1, 2, 3, 4), .. FloatBytes(10, 20, 30, 40)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Http.ReadJsonAsync(response);
        Assert.Equal([11f, 22, 33, 44], body.Output("OUTPUT0").Floats());
        Assert.Equal([-9f, -18, -27, -36], body.Output("OUTPUT1").Floats());
    }

    [Fact]
    public async Task Infer_MixedJsonAndBinaryInputs_BinaryOutputRequested()
    {
        const string json = """
            {"inputs": [
              {"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]},
              {"name": "INPUT1", "shape": [1, 4], "datatype": "FP32", "parameters": {"binary_data_size": 16}}],
             "outputs": [{"name": "OUTPUT0", "parameters": {"binary_data": true}}, {"name": "OUTPUT1"}]}
            """;
        using var response = await PostBinaryAsync(fixture.Client, "/v2/models/simple/infer", json, FloatBytes(1, 1, 1, 1));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headerLength = int.Parse(response.Headers.GetValues("Inference-Header-Content-Length").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var document = JsonDocument.Parse(bytes.AsMemory(0, headerLength));
        var output0 = document.RootElement.Output("OUTPUT0");
        Assert.Equal(16, output0.GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        Assert.False(output0.TryGetProperty("data", out _));
        Assert.Equal(FloatBytes(2, 3, 4, 5), bytes[headerLength..]);
        Assert.Equal([0f, 1, 2, 3], document.RootElement.Output("OUTPUT1").Floats());
    }

    [Fact]
    public async Task Infer_BinaryDataOutputParameter_AllOutputsBinaryInOrder()
    {
        const string json = """
            {"parameters": {"binary_data_output": true}, "inputs": [
              {"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]},
              {"name": "INPUT1", "shape": [1, 4], "datatype": "FP32", "data": [4, 3, 2, 1]}]}
            """;
        using var response = await PostBinaryAsync(fixture.Client, "/v2/models/simple/infer", json, []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headerLength = int.Parse(response.Headers.GetValues("Inference-Header-Content-Length").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([.. FloatBytes(5, 5, 5, 5), .. FloatBytes(-3, -1, 1, 3)], bytes[headerLength..]);
    }

    /// <summary>NaN can travel as binary data but not as JSON: asking for it as JSON is refused with a hint.</summary>
    [Fact]
    public async Task Infer_NaNOutput_BinaryWorksJsonIsRefusedWithHint()
    {
        var others = string.Join(",", new[] { ("BOOL", "true"), ("UINT8", "1"), ("INT8", "1"), ("INT32", "1"), ("INT64", "1"), ("FP64", "1") }
            .Select(t => $$"""{"name": "IN_{{t.Item1}}", "shape": [1], "datatype": "{{t.Item1}}", "data": [{{t.Item2}}]}"""));
        string Json(bool binaryOut) =>
            "{\"inputs\": [" + others + """, {"name": "IN_FP32", "shape": [2], "datatype": "FP32", "parameters": {"binary_data_size": 8}}],"""
            + """ "outputs": [{"name": "OUT_FP32", "parameters": {"binary_data": """ + (binaryOut ? "true" : "false") + "}}]}";
        var nan = FloatBytes(float.NaN, 1);

        using var binary = await PostBinaryAsync(fixture.Client, "/v2/models/all_types/infer", Json(true), nan);
        Assert.Equal(HttpStatusCode.OK, binary.StatusCode);
        var headerLength = int.Parse(binary.Headers.GetValues("Inference-Header-Content-Length").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(nan, (await binary.Content.ReadAsByteArrayAsync())[headerLength..]);

        using var json = await PostBinaryAsync(fixture.Client, "/v2/models/all_types/infer", Json(false), nan);
        Http.AssertError((json.StatusCode, await Http.ReadJsonAsync(json)), HttpStatusCode.InternalServerError, "binary_data");
    }

    [Fact]
    public async Task Infer_BinarySizeWrongForShape_Is400()
    {
        const string json = """
            {"inputs": [
              {"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "parameters": {"binary_data_size": 12}},
              {"name": "INPUT1", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}]}
            """;
        using var response = await PostBinaryAsync(fixture.Client, "/v2/models/simple/infer", json, FloatBytes(1, 2, 3));
        Http.AssertError((response.StatusCode, await Http.ReadJsonAsync(response)), HttpStatusCode.BadRequest, "need 16 bytes");
    }

    [Fact]
    public async Task Infer_BinaryBodyTooShort_Is400()
    {
        const string json = """
            {"inputs": [
              {"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "parameters": {"binary_data_size": 16}},
              {"name": "INPUT1", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}]}
            """;
        using var response = await PostBinaryAsync(fixture.Client, "/v2/models/simple/infer", json, FloatBytes(1, 2));
        Http.AssertError((response.StatusCode, await Http.ReadJsonAsync(response)), HttpStatusCode.BadRequest, "ends before");
    }

    [Fact]
    public async Task Infer_UnclaimedBinaryBytes_Is400()
    {
        using var response = await PostBinaryAsync(fixture.Client, "/v2/models/simple/infer", InferenceTests.SimpleBatch(1), FloatBytes(1));
        Http.AssertError((response.StatusCode, await Http.ReadJsonAsync(response)), HttpStatusCode.BadRequest, "no input claims");
    }
}
