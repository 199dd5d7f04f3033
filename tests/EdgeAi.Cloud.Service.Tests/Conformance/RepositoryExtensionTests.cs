using System.Collections.Concurrent;
using System.Net;

namespace EdgeAi.Cloud.Service.Tests.Conformance;

/// <summary>
/// The model repository extension against its own process (these tests change the repository on disk).
/// Each test works on a different model, so they do not depend on each other's order.
/// </summary>
public sealed class RepositoryExtensionTests : IAsyncLifetime
{
    private const string VersionedRequest = """{"inputs": [{"name": "x", "shape": [2], "datatype": "FP32", "data": [10, 20]}]}""";
    private readonly TempDirectory _directory = new();
    private ServiceProcess? _service;
    private HttpClient _client = null!;
    private string _repository = null!;

    public async Task InitializeAsync()
    {
        _repository = _directory.CopyFixtureRepository();
        // This process runs without authentication, which also covers --insecure-no-auth.
        _service = await ServiceProcess.StartAsync(_directory.Path, "--model-repository", _repository, "--insecure-no-auth");
        _client = new HttpClient { BaseAddress = _service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        _directory.Dispose();
        _service?.AssertNoErrorLogs();
    }

    /// <summary>
    /// A new version is swapped in while clients keep sending: no request fails, each is answered by the
    /// old or the new version, and after the load returns only the new version answers.
    /// </summary>
    [Fact]
    public async Task Load_NewVersionUnderTraffic_SwapsWithoutFailedRequests()
    {
        var folder = Path.Combine(_repository, "versioned");
        Directory.CreateDirectory(Path.Combine(folder, "4"));
        // Version 4 is version 1's file (y = x + 1): its answers differ from version 3's (y = x + 3).
        File.Copy(Path.Combine(folder, "1", "model.onnx"), Path.Combine(folder, "4", "model.onnx"));
        await File.WriteAllTextAsync(Path.Combine(folder, "config.pbtxt"), """
            name: "versioned"
            backend: "onnxruntime"
            max_batch_size: 0
            input { name: "x" data_type: TYPE_FP32 dims: [ 2 ] }
            output { name: "y" data_type: TYPE_FP32 dims: [ 2 ] }
            version_policy: { latest: { num_versions: 1 } }
            """);

        var answers = new ConcurrentBag<(HttpStatusCode Status, string? Version, float First)>();
        using var stop = new CancellationTokenSource();
        List<Task>? clients = null;

        // Bounded: if the clients stop answering (a failed request throws), fail instead of hanging.
        async Task WaitForAnswersAsync(int count)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (answers.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"only {answers.Count} of {count} answers");
                Assert.DoesNotContain(clients!, c => c.IsFaulted);
                await Task.Delay(10);
            }
        }

        async Task ClientLoop()
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, body) = await _client.PostJsonAsync("/v2/models/versioned/infer", VersionedRequest);
                answers.Add(status == HttpStatusCode.OK
                    ? (status, body.GetProperty("model_version").GetString(), body.Output("y").Floats()[0])
                    : (status, null, float.NaN));
            }
        }

        clients = Enumerable.Range(0, 4).Select(_ => Task.Run(ClientLoop)).ToList();
        await WaitForAnswersAsync(20);

        var (loadStatus, loadBody) = await _client.PostJsonAsync("/v2/repository/models/versioned/load", "");
        Assert.True(loadStatus == HttpStatusCode.OK, loadBody.ToString());
        await WaitForAnswersAsync(answers.Count + 20);

        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers, a => Assert.True((a.Version, a.First) is ("3", 13f) or ("4", 11f), $"{a.Version} answered {a.First}"));
        var (_, after) = await _client.PostJsonAsync("/v2/models/versioned/infer", VersionedRequest);
        Assert.Equal("4", after.GetProperty("model_version").GetString());
        Http.AssertError(await _client.PostJsonAsync("/v2/models/versioned/versions/3/infer", VersionedRequest), HttpStatusCode.NotFound, "version 3");
    }

    [Fact]
    public async Task Load_BrokenConfig_FailsAndOldVersionKeepsServing()
    {
        await File.WriteAllTextAsync(Path.Combine(_repository, "simple", "config.pbtxt"), "max_batch_size: [ nonsense");
        Http.AssertError(await _client.PostJsonAsync("/v2/repository/models/simple/load", ""), HttpStatusCode.BadRequest, "config.pbtxt");

        var (status, body) = await _client.PostJsonAsync("/v2/models/simple/infer", InferenceTests.SimpleBatch(1));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([2f, 4, 6, 8], body.Output("OUTPUT0").Floats());
        var (_, index) = await _client.PostJsonAsync("/v2/repository/index", "");
        var row = index.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "simple");
        Assert.Equal("READY", row.GetProperty("state").GetString());
        Assert.Contains("reload failed", row.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_CorruptModelFile_FailsAndOldVersionKeepsServing()
    {
        await File.WriteAllBytesAsync(Path.Combine(_repository, "all_types", "1", "model.onnx"), [1, 2, 3, 4]);
        Http.AssertError(await _client.PostJsonAsync("/v2/repository/models/all_types/load", ""), HttpStatusCode.BadRequest, "ONNX Runtime");
        var (status, _) = await _client.GetJsonAsync("/v2/models/all_types/ready");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task UnloadThenLoad_StopsAndResumesServing()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/v2/repository/models/config_mismatch/unload", "")).Status);
        // A fixed config is picked up by load.
        var config = Path.Combine(_repository, "config_mismatch", "config.pbtxt");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("TYPE_INT32", "TYPE_FP32", StringComparison.Ordinal));

        var (readyStatus, readyBody) = await _client.GetJsonAsync("/v2/models/config_mismatch/ready");
        Assert.Equal(HttpStatusCode.BadRequest, readyStatus);
        Assert.False(readyBody.GetProperty("ready").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/v2/repository/models/config_mismatch/load", "{}")).Status);
        var (status, body) = await _client.PostJsonAsync(
            "/v2/models/config_mismatch/infer", """{"inputs": [{"name": "x", "shape": [2], "datatype": "FP32", "data": [7, 8]}]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([7f, 8f], body.Output("y").Floats());

        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/v2/repository/models/config_mismatch/unload", "")).Status);
        Http.AssertError(
            await _client.PostJsonAsync("/v2/models/config_mismatch/infer", """{"inputs": [{"name": "x", "shape": [2], "datatype": "FP32", "data": [7, 8]}]}"""),
            HttpStatusCode.ServiceUnavailable,
            "unloaded");
    }

    [Fact]
    public async Task Load_FolderAddedAfterStart_IsServed()
    {
        var source = Path.Combine(_repository, "broken_config");
        var target = Path.Combine(_repository, "late");
        Directory.CreateDirectory(Path.Combine(target, "1"));
        File.Copy(Path.Combine(source, "1", "model.onnx"), Path.Combine(target, "1", "model.onnx"));
        // No inputs or outputs in config.pbtxt: they are completed from the model (Triton's auto-complete).
        await File.WriteAllTextAsync(Path.Combine(target, "config.pbtxt"), "platform: \"onnxruntime_onnx\"\n");

        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/v2/repository/models/late/load", "")).Status);
        var (status, metadata) = await _client.GetJsonAsync("/v2/models/late");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([2L], metadata.GetProperty("inputs")[0].Shape());
    }

    [Fact]
    public async Task Telemetry_WithoutTelemetryDb_Is404SayingHowToEnable()
    {
        Http.AssertError(await _client.PostJsonAsync("/edgeai/v1/telemetry", """{"node": "n", "records": []}"""), HttpStatusCode.NotFound, "--telemetry-db");
    }

    [Fact]
    public async Task LoadOrUnload_UnknownModel_Is404()
    {
        Http.AssertError(await _client.PostJsonAsync("/v2/repository/models/ghost/load", ""), HttpStatusCode.NotFound, "ghost");
        Http.AssertError(await _client.PostJsonAsync("/v2/repository/models/ghost/unload", ""), HttpStatusCode.NotFound, "ghost");
        Http.AssertError(await _client.PostJsonAsync("/v2/repository/models/simple/load", """{"parameters": {"config": "{}"}}"""), HttpStatusCode.BadRequest, "parameters.config");
        Http.AssertError(await _client.PostJsonAsync("/v2/repository/index", "[1"), HttpStatusCode.BadRequest, "malformed JSON");
    }
}
