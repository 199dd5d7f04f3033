using EdgeAi.Models.Engine;

namespace EdgeAi.Models.Tests.Engine;

/// <summary>After warm-up, a native run allocates nothing on the calling thread (the time-critical path rule).</summary>
public sealed class NativeAllocationTests
{
    [Theory]
    [InlineData("qdq_mlp_softmax.onnx")]
    [InlineData("qdq_mlp_s8.onnx")]
    [InlineData("qdq_shape_ops.onnx")]
    [InlineData("qop_matmul_u8.onnx")]
    [InlineData("qdq_cnn1d.onnx")]
    [InlineData("qdq_cnn2d.onnx")]
    [InlineData("qop_conv_s8.onnx")]
    public void Run_AfterWarmUp_AllocatesZeroBytes(string file) => AssertZeroAllocation(file);

    internal static void AssertZeroAllocation(string file)
    {
        using NativeRunner runner = NativeRunner.Create(EngineFixtures.Load(file));
        EngineFixtures.Fill(runner.Inputs, 1);
        runner.Run(); // warm-up: JIT tiers, the GEMM's per-thread row buffer
        runner.Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            runner.Run();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
