using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using static EdgeAi.Models.Onnx.Proto.TensorProto.Types;

namespace EdgeAi.Models.Tests.Quantization;

/// <summary>Float models built by hand for quantizer cases the trainer does not produce.</summary>
public static class HandModels
{
    /// <summary>x [N, 4] → MatMul(W [4, 3]) → Add(b [3]) → Relu → Gemm(G, c, transB) → y [N, 2].</summary>
    public static ModelProto MatMulAddRelu(bool transposedGemm)
    {
        var random = new Random(5);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var graph = new GraphProto
        {
            Name = "matmul_add_relu",
            Input = { OnnxProtoFactory.ValueInfo("x", DataType.Float, [null, 4]) },
            Output = { OnnxProtoFactory.ValueInfo("y", DataType.Float, [null, 2]) },
            Initializer =
            {
                OnnxProtoFactory.Float("W", [4, 3], Values(12)),
                OnnxProtoFactory.Float("b", [3], Values(3)),
                OnnxProtoFactory.Float("G", transposedGemm ? [2, 3] : [3, 2], Values(6)),
                OnnxProtoFactory.Float("c", [2], Values(2)),
            },
            Node =
            {
                OnnxProtoFactory.Node("MatMul", "matmul", ["x", "W"], "mm"),
                OnnxProtoFactory.Node("Add", "bias", ["mm", "b"], "biased"),
                OnnxProtoFactory.Node("Relu", "relu", ["biased"], "hidden"),
                OnnxProtoFactory.Node("Gemm", "gemm", ["hidden", "G", "c"], "y", OnnxProtoFactory.Int("transB", transposedGemm ? 1 : 0)),
            },
        };
        return OnnxProtoFactory.Model(graph, "edgeai-tests");
    }
}
