using System.Net;
using System.Text;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>Every malformed request gets a 4xx with an <c>error</c> message naming the problem, never a 500.</summary>
[Collection(ServiceProcessGroup.Name)]
public sealed class InferenceErrorTests(ServiceFixture fixture)
{
    private static string Simple(string input0, string? input1 = null) =>
        $$"""{"inputs": [{{input0}}, {{input1 ?? """{"name": "INPUT1", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}"""}}]}""";

    public static TheoryData<string, string> BadRequests => new()
    {
        { "{\"inputs\": [", "malformed JSON" },
        { "not json at all", "malformed JSON" },
        { "[]", "must be a JSON object" },
        { "{}", "no 'inputs'" },
        { "{\"inputs\": []}", "no 'inputs'" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3]}"""), "needs 4 elements" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4, 5]}"""), "more elements" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [[1, 2], [3, 4]]}"""), "nested differently" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, [2], 3, 4]}"""), "INPUT0" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "INT32", "data": [1, 2, 3, 4]}"""), "is FP32, not INT32" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP17", "data": [1, 2, 3, 4]}"""), "'FP17' is not supported" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, "two", 3, 4]}"""), "found a string" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, true, 3, 4]}"""), "found a boolean" },
        { Simple("""{"name": "INPUT0", "shape": [1, 5], "datatype": "FP32", "data": [1, 2, 3, 4, 5]}"""), "does not match" },
        { Simple("""{"name": "INPUT0", "shape": [4], "datatype": "FP32", "data": [1, 2, 3, 4]}"""), "rank" },
        { Simple("""{"name": "INPUT0", "shape": [2, 4], "datatype": "FP32", "data": [1, 2, 3, 4, 5, 6, 7, 8]}"""), "differs from the other inputs" },
        { Simple("""{"name": "INPUT0", "shape": [0, 4], "datatype": "FP32", "data": []}"""), "batch size 0" },
        { Simple("""{"name": "INPUT0", "shape": [1, -4], "datatype": "FP32", "data": [1, 2, 3, 4]}"""), "non-negative" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32"}"""), "exactly one of 'data'" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "data": [1, 2, 3, 4]}"""), "no 'datatype'" },
        { Simple("""{"name": "INPUT0", "datatype": "FP32", "data": [1, 2, 3, 4]}"""), "no 'shape'" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": 7}"""), "must be an array" },
        { Simple("""{"name": "NOPE", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}"""), "unknown input 'NOPE'" },
        { Simple("""{"name": "INPUT1", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}"""), "given twice" },
        { """{"inputs": [{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}]}""", "missing input 'INPUT1'" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}""").TrimEnd('}') + """, "outputs": [{"name": "OUT9"}]}""", "unknown output 'OUT9'" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}""").TrimEnd('}') + """, "parameters": {"a": [1]}}""", "string, number or boolean" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 1e39]}"""), "FP32 range" },
        { Simple("""{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}""") + "{}", "malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Infer_BadRequest_Is400WithMessage(string body, string fragment)
    {
        Http.AssertError(await fixture.Client.PostJsonAsync("/v2/models/simple/infer", body), HttpStatusCode.BadRequest, fragment);
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "IN_UINT8", "UINT8", "256" },
        { "IN_UINT8", "UINT8", "-1" },
        { "IN_INT8", "INT8", "128" },
        { "IN_INT32", "INT32", "1.5" },
        { "IN_INT32", "INT32", "2147483648" },
        { "IN_INT64", "INT64", "9223372036854775808" },
        { "IN_BOOL", "BOOL", "1" },
        { "IN_FP64", "FP64", "null" },
    };

    /// <summary>A value outside its datatype is refused, not wrapped or truncated.</summary>
    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Infer_ValueOutsideDatatype_Is400(string input, string datatype, string value)
    {
        var inputs = new[] { ("IN_BOOL", "BOOL", "true"), ("IN_UINT8", "UINT8", "1"), ("IN_INT8", "INT8", "1"), ("IN_INT32", "INT32", "1"), ("IN_INT64", "INT64", "1"), ("IN_FP32", "FP32", "1"), ("IN_FP64", "FP64", "1") }
            .Select(i => i.Item1 == input ? (input, datatype, value) : i)
            .Select(i => $$"""{"name": "{{i.Item1}}", "shape": [1], "datatype": "{{i.Item2}}", "data": [{{i.Item3}}]}""");
        var body = $$"""{"inputs": [{{string.Join(",", inputs)}}]}""";
        Http.AssertError(await fixture.Client.PostJsonAsync("/v2/models/all_types/infer", body), HttpStatusCode.BadRequest, input);
    }

    [Fact]
    public async Task Infer_FailedModel_Is503WithReason()
    {
        Http.AssertError(await fixture.Client.PostJsonAsync("/v2/models/config_mismatch/infer", "{}"), HttpStatusCode.ServiceUnavailable, "TYPE_INT32");
    }

    [Fact]
    public async Task Infer_UnservedVersion_Is404()
    {
        const string request = """{"inputs": [{"name": "x", "shape": [2], "datatype": "FP32", "data": [1, 2]}]}""";
        Http.AssertError(await fixture.Client.PostJsonAsync("/v2/models/versioned/versions/2/infer", request), HttpStatusCode.NotFound, "version 2");
        Http.AssertError(await fixture.Client.PostJsonAsync("/v2/models/versioned/versions/abc/infer", request), HttpStatusCode.BadRequest, "'abc'");
    }

    /// <summary>
    /// The body limit (64 MiB by default) is enforced from Content-Length before any body byte is read. A raw
    /// socket sends only the headers: an HttpClient streaming the body would see the server close mid-upload.
    /// </summary>
    [Fact]
    public async Task Infer_BodyOverLimit_Is413()
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(fixture.Service.BaseAddress.Host, fixture.Service.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST /v2/models/simple/infer HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {fixture.Token}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {(64 * 1024 * 1024) + 1}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("larger than", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        Assert.StartsWith("HTTP/1.1 413", received.ToString(), StringComparison.Ordinal);
        Assert.Contains("{\"error\":\"the request body is larger than 67108864 bytes\"}", received.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_BadHeaderLength_Is400()
    {
        using var content = new StringContent(InferenceTests.SimpleBatch(1), Encoding.UTF8, "application/json");
        content.Headers.Add("Inference-Header-Content-Length", "999999");
        using var response = await fixture.Client.PostAsync("/v2/models/simple/infer", content);
        Http.AssertError((response.StatusCode, await Http.ReadJsonAsync(response)), HttpStatusCode.BadRequest, "Inference-Header-Content-Length");
    }
}
