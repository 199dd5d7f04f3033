using EdgeAi.Models.Engine;

namespace EdgeAi.Models.Tests.Engine;

/// <summary>What the planner makes of the QDQ fixtures: fused integer steps, and ops that run on quantized bytes.</summary>
public sealed class NativePlanTests
{
    [Fact]
    public void Create_QdqMlp_FusesEveryMatMulAndGemmIntoIntegerSteps()
    {
        using NativeRunner runner = NativeRunner.Create(EngineFixtures.Load("qdq_mlp_softmax.onnx"));
        // Q(input), Gemm+bias+Relu+Q, MatMul+Add+Q, MatMul+Add (float out), Softmax: no DequantizeLinear is run.
        Assert.Equal(["QuantizeStep", "QGemmStep", "QGemmStep", "QGemmStep", "SoftmaxStep"], runner.StepKinds);
    }

    [Fact]
    public void Create_QdqCnn1d_RunsMaxPoolAndFlattenOnQuantizedBytes()
    {
        using NativeRunner runner = NativeRunner.Create(EngineFixtures.Load("qdq_cnn1d.onnx"));
        // Conv+Relu+Q, MaxPool (bytes), Conv+Q, DQ -> GlobalAveragePool -> Q (equal scales: an integer mean on the bytes),
        // Flatten (bytes), Gemm+Q, DQ -> Softmax.
        Assert.Equal(
            ["QuantizeStep", "ConvStep", "PoolStep", "ConvStep", "QuantizedGlobalAveragePoolStep", "CopyStep", "QGemmStep", "DequantizeStep", "SoftmaxStep"],
            runner.StepKinds);
    }

    [Theory]
    [InlineData("qdq_cnn2d.onnx")]
    [InlineData("qdq_shape_ops.onnx")]
    [InlineData("qdq_mlp_softmax.onnx")]
    public void Create_MemoryPlan_SharesBuffersBetweenValuesThatDoNotLiveTogether(string file)
    {
        using NativeRunner runner = NativeRunner.Create(EngineFixtures.Load(file));
        Assert.True(runner.IntermediateBytes < runner.UnsharedIntermediateBytes,
            $"{file}: {runner.IntermediateBytes} bytes planned, {runner.UnsharedIntermediateBytes} without sharing");
    }
}
