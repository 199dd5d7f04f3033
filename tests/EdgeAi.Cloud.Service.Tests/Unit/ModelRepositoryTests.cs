using EdgeAi.Cloud.Service.Inference;
using EdgeAi.Cloud.Service.Protocol;
using EdgeAi.Cloud.Service.Repository;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAi.Cloud.Service.Tests.Unit;

/// <summary>Swap, failed reload and unload semantics, in-process with fake runners (no ONNX Runtime).</summary>
public sealed class ModelRepositoryTests : IDisposable
{
    private const string Config = """
        max_batch_size: 4
        input { name: "x" data_type: TYPE_FP32 dims: [ 2 ] }
        output { name: "y" data_type: TYPE_FP32 dims: [ 2 ] }
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "edgeai-repo-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, FakeRunner> _runners = [];
    private readonly ModelRepository _repository;

    public ModelRepositoryTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "m", "1"));
        File.WriteAllText(Path.Combine(_root, "m", "config.pbtxt"), Config);
        _repository = new ModelRepository(_root, new Factory(_runners), TimeProvider.System, NullLogger<ModelRepository>.Instance);
    }

    public void Dispose()
    {
        _repository.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private FakeRunner RunnerOf(int version) => _runners[Path.Combine(_root, "m", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "model.onnx")];

    [Fact]
    public async Task Reload_WithNewVersion_SwapsButKeepsOldRunnerAliveUntilItsLeaseEnds()
    {
        Assert.Null(await _repository.LoadAsync("m"));
        var before = _repository.Acquire("m", null);
        Assert.Equal(1, before.Version);

        Directory.CreateDirectory(Path.Combine(_root, "m", "2"));
        Assert.Null(await _repository.LoadAsync("m"));
        using (var after = _repository.Acquire("m", null))
        {
            Assert.Equal(2, after.Version);
        }

        Assert.Equal(0, RunnerOf(1).DisposeCount);
        before.Dispose();
        Assert.Equal(1, RunnerOf(1).DisposeCount);
        Assert.Equal(0, RunnerOf(2).DisposeCount);
    }

    [Fact]
    public async Task Reload_WithBrokenConfig_KeepsServingOldVersionsWithReason()
    {
        Assert.Null(await _repository.LoadAsync("m"));
        await File.WriteAllTextAsync(Path.Combine(_root, "m", "config.pbtxt"), "max_batch_size: oops");
        var failure = await _repository.LoadAsync("m");

        Assert.Contains("max_batch_size", failure, StringComparison.Ordinal);
        using var lease = _repository.Acquire("m", null);
        Assert.Equal(1, lease.Version);
        var entry = _repository.Find("m")!;
        Assert.Equal(ModelState.Ready, entry.State);
        Assert.StartsWith("reload failed: ", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(0, RunnerOf(1).DisposeCount);
    }

    [Fact]
    public async Task FirstLoad_Failing_IsUnavailableWithReasonAnd503()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "m", "config.pbtxt"), Config.Replace("TYPE_FP32 dims: [ 2 ] }\noutput", "TYPE_INT32 dims: [ 2 ] }\noutput", StringComparison.Ordinal));
        Assert.NotNull(await _repository.LoadAsync("m"));
        Assert.Equal(ModelState.Unavailable, _repository.Find("m")!.State);
        var e = Assert.Throws<ProtocolException>(() => _repository.Acquire("m", null));
        Assert.Equal(503, e.StatusCode);
        Assert.Contains("TYPE_INT32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unload_StopsNewLeasesAndDisposesAfterTheLastOne()
    {
        Assert.Null(await _repository.LoadAsync("m"));
        var lease = _repository.Acquire("m", null);
        Assert.True(await _repository.UnloadAsync("m"));
        Assert.Equal(503, Assert.Throws<ProtocolException>(() => _repository.Acquire("m", null)).StatusCode);
        Assert.Equal(0, RunnerOf(1).DisposeCount);
        lease.Dispose();
        Assert.Equal(1, RunnerOf(1).DisposeCount);
        Assert.False(await _repository.UnloadAsync("other"));
    }

    [Fact]
    public async Task Acquire_UnknownModelOrVersion_Is404()
    {
        await _repository.LoadAllAsync();
        Assert.Equal(404, Assert.Throws<ProtocolException>(() => _repository.Acquire("nope", null)).StatusCode);
        Assert.Equal(404, Assert.Throws<ProtocolException>(() => _repository.Acquire("m", 7)).StatusCode);
        Assert.True(_repository.StartupComplete);
    }

    [Theory]
    [InlineData("..", false)]
    [InlineData(".", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    [InlineData("classifier_int8-v2.1", true)]
    public void IsValidName_KeepsNamesInsideTheRepository(string name, bool valid) => Assert.Equal(valid, ModelRepository.IsValidName(name));

    private sealed class Factory(Dictionary<string, FakeRunner> runners) : IModelRunnerFactory
    {
        public IModelRunner Create(string modelPath)
        {
            var runner = new FakeRunner();
            lock (runners)
            {
                runners[modelPath] = runner;
            }

            return runner;
        }
    }
}
