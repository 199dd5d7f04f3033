using EdgeAi.Models.Onnx;
using EdgeAi.Models.Runtime;
using EdgeAi.Models.Tests.Onnx;

namespace EdgeAi.Models.Tests.Runtime;

[CollectionDefinition(nameof(SerialThreadCounting), DisableParallelization = true)]
public sealed class SerialThreadCounting;

/// <summary>
/// ONNX Runtime starts its intra-op pool (threads - 1 workers, the caller being the first) when the session is
/// created; counting the process's OS threads shows the option reached the session. Runs alone so no other test
/// starts threads meanwhile.
/// </summary>
[Collection(nameof(SerialThreadCounting))]
public sealed class OnnxRuntimeThreadTests
{
    [Fact]
    public void Create_FourIntraOpThreads_StartsThreeMoreOsThreadsThanOne()
    {
        byte[] bytes = File.ReadAllBytes(OnnxFixtures.PathOf("qdq_mlp.onnx"));
        OnnxModelReader.Read(bytes, OnnxFixtures.Sha256Of("qdq_mlp.onnx"));

        using var one = OnnxRuntimeRunner.Create(bytes, new ModelRunnerOptions { IntraOpThreads = 1 });
        int withOne = OsThreads();
        using var four = OnnxRuntimeRunner.Create(bytes, new ModelRunnerOptions { IntraOpThreads = 4 });
        int withFour = OsThreads();

        Assert.Equal(1, one.IntraOpThreads);
        Assert.Equal(4, four.IntraOpThreads);
        Assert.True(withFour - withOne >= 3, $"{withOne} OS threads with one runner, {withFour} after a 4-thread runner");
    }

    private static int OsThreads() => Directory.GetDirectories("/proc/self/task").Length;
}
