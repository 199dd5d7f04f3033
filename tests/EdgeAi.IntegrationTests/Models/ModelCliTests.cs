using System.Text.Json;
using EdgeAi.Cloud.Client.Sync;
using EdgeAi.IntegrationTests.Infrastructure;

namespace EdgeAi.IntegrationTests.Models;

/// <summary>Issue 5 tooling: <c>edgeai model info|run|bench|verify|sign|keygen</c> as a user runs them (the real executable).</summary>
public sealed class ModelCliTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Onnx");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeai-model-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_prints_only_the_oip_response_and_both_engines_compute_the_same_integers()
    {
        // MatMulInteger, u8 [2, 5] x s8 [5, 3]: exact on both engines. Nested and flat data are the same request.
        const string Request = """{"inputs":[{"name":"A","shape":[2,5],"datatype":"UINT8","data":[[0,1,2,3,255],[9,8,7,6,5]]}]}""";
        var native = await RunAsync(Request, "model", "run", Fixture("matmul_integer.onnx"), "--engine", "native");
        var ort = await RunAsync(Request.Replace("[[0,1,2,3,255],[9,8,7,6,5]]", "[0,1,2,3,255,9,8,7,6,5]", StringComparison.Ordinal), "model", "run", Fixture("matmul_integer.onnx"), "--engine", "ort");
        Assert.Equal(0, native.ExitCode);
        Assert.Equal(0, ort.ExitCode);
        using var response = JsonDocument.Parse(native.Stdout);
        var output = Assert.Single(response.RootElement.GetProperty("outputs").EnumerateArray());
        Assert.Equal("Y", output.GetProperty("name").GetString());
        Assert.Equal("INT32", output.GetProperty("datatype").GetString());
        Assert.Equal([2, 3], output.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(6, output.GetProperty("data").GetArrayLength());
        Assert.Equal(native.Stdout, ort.Stdout);
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"A","shape":[2,5],"datatype":"UINT8","data":[1,2,3]}]}""", "shape [2, 5] holds 10 values but data has 3")]
    [InlineData("""{"inputs":[{"name":"A","shape":[2,5],"datatype":"FP32","data":[1,2,3,4,5,6,7,8,9,10]}]}""", "Input 'A' is FP32 but the model takes UINT8")]
    [InlineData("""{"inputs":[{"name":"A","shape":[2,5],"datatype":"UINT8","data":[1,2,3,4,5,6,7,8,9,256]}]}""", "256 is not a UINT8 value")]
    [InlineData("""{"inputs":[{"name":"B","shape":[2,5],"datatype":"UINT8","data":[1,2,3,4,5,6,7,8,9,10]}]}""", "needs input 'A'")]
    [InlineData("""{"inputs":[{"name":"A","shape":[2,5],"datatype":"UINT8","data":[1,2,3,4,5,6,7,8,9,10]},{"name":"C","shape":[1],"datatype":"FP32","data":[1]}]}""", "The model has no input 'C' (inputs: A)")]
    [InlineData("""{"inputs": nope""", "not valid JSON")]
    public async Task Run_refuses_bad_input_on_stderr_with_nothing_on_stdout(string request, string message)
    {
        var result = await RunAsync(request, "model", "run", Fixture("matmul_integer.onnx"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout.Trim());
    }

    [Fact]
    public async Task A_file_that_does_not_match_its_digest_is_not_parsed()
    {
        var result = await RunAsync(null, "model", "info", Fixture("qdq_cnn1d.onnx"), "--sha256", new string('0', 64));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("digest mismatch", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Info_says_which_engine_runs_a_model_and_why()
    {
        var supported = await RunAsync(null, "model", "info", Fixture("qdq_cnn1d.onnx"));
        Assert.Equal(0, supported.ExitCode);
        Assert.Contains("engine:    native: it supports every node", supported.Stdout, StringComparison.Ordinal);
        Assert.Contains("Conv", supported.Stdout, StringComparison.Ordinal);
        var unsupported = await RunAsync(null, "model", "info", Fixture("unsupported_erf.onnx"));
        Assert.Equal(0, unsupported.ExitCode);
        Assert.Contains("(Erf): operator Erf is not supported", unsupported.Stdout, StringComparison.Ordinal);
        Assert.Contains("engine:    onnxruntime", unsupported.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_json_reports_latency_and_zero_allocation_on_the_native_path()
    {
        var result = await RunAsync(null, "model", "bench", Fixture("qdq_cnn1d.onnx"), "--engine", "native", "--runs", "50", "--warmup", "5", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("native", root.GetProperty("engine").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("kernels").GetString()));
        Assert.True(root.GetProperty("median_us").GetDouble() > 0);
        Assert.True(root.GetProperty("p99_us").GetDouble() >= root.GetProperty("median_us").GetDouble());
        Assert.Equal(0, root.GetProperty("allocated_bytes_per_run").GetInt64());
    }

    [Fact]
    public async Task Verify_json_compares_the_engines_in_quantization_steps()
    {
        var result = await RunAsync(null, "model", "verify", Fixture("qdq_cnn1d.onnx"), "--runs", "10", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("engines").GetArrayLength());
        Assert.Equal(10, root.GetProperty("runs").GetInt32());
        Assert.True(root.GetProperty("max_abs_diff").GetDouble() >= 0);
        Assert.InRange(root.GetProperty("max_diff_in_quantization_steps").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Onnx_runtime_leaves_no_telemetry_device_id_or_cache_behind()
    {
        var home = Path.Combine(_directory, "home");
        Directory.CreateDirectory(home);
        await using var process = EdgeAiProcess.Start(
            new Dictionary<string, string> { ["HOME"] = home },
            "model", "bench", Fixture("qdq_cnn1d.onnx"), "--engine", "ort", "--runs", "10", "--warmup", "1", "--json");
        await process.WriteInputAsync(string.Empty);
        Assert.Equal(0, await process.WaitForExitAsync(Timeout));
        Assert.Empty(Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Verify_refuses_a_model_the_native_engine_cannot_run()
    {
        var result = await RunAsync(null, "model", "verify", Fixture("unsupported_erf.onnx"), "--json");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Erf", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keygen_and_sign_write_a_manifest_whose_signature_the_node_verifies()
    {
        var version = Path.Combine(_directory, "repo", "occupancy_int8", "4");
        Directory.CreateDirectory(version);
        File.Copy(Fixture("qdq_mlp_softmax.onnx"), Path.Combine(version, "model.onnx"));
        var privateKey = Path.Combine(_directory, "signing.pem");
        var publicKey = Path.Combine(_directory, "signing.pub.pem");
        Assert.Equal(0, (await RunAsync(null, "model", "keygen", "--private", privateKey, "--public", publicKey)).ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privateKey));
        Assert.Equal(1, (await RunAsync(null, "model", "keygen", "--private", privateKey, "--public", publicKey + ".2")).ExitCode);

        var sign = await RunAsync(null, "model", "sign", version, "--key", privateKey);
        Assert.Equal(0, sign.ExitCode);
        var manifest = File.ReadAllBytes(Path.Combine(version, "manifest.json"));
        using (var json = JsonDocument.Parse(manifest))
        {
            Assert.Equal("occupancy_int8", json.RootElement.GetProperty("name").GetString());
            Assert.Equal(4, json.RootElement.GetProperty("version").GetInt64());
            Assert.Equal("native", json.RootElement.GetProperty("engine").GetString());
            Assert.Equal(new FileInfo(Path.Combine(version, "model.onnx")).Length, json.RootElement.GetProperty("size").GetInt64());
        }

        using var verifier = new ManifestVerifier(File.ReadAllText(publicKey));
        Assert.True(verifier.Verify(manifest, File.ReadAllText(Path.Combine(version, "manifest.sig")).Trim()));

        // The artifact changed after the manifest was written: signing refuses and keeps the old signature.
        File.AppendAllText(Path.Combine(version, "model.onnx"), "x");
        var refused = await RunAsync(null, "model", "sign", version, "--key", privateKey);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("does not match model.onnx", refused.Stderr, StringComparison.Ordinal);
    }

    private static string Fixture(string name) => Path.Combine(Fixtures, name);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? stdin, params string[] args)
    {
        await using var process = EdgeAiProcess.Start(args);
        await process.WriteInputAsync(stdin ?? string.Empty);
        var code = await process.WaitForExitAsync(Timeout);
        return (code, process.StandardOutput, process.StandardError);
    }
}
