using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>Convolutions (QLinearConv and fused QDQ Conv) around the QConv kernels.</summary>
internal sealed partial class GraphPlanner
{
    private static void PlanConv(NodeProto core, EngineValue x, QuantParams xq, EngineValue w, QuantParams wq, long wAxis, FusedPattern pattern, OutputSpec output)
    {
        _ = (core, x, xq, w, wq, wAxis, pattern, output);
        throw new UnsupportedNodeException("convolution is not supported by the native engine yet");
    }

    private static void PlanQLinearConv(NodeProto node)
    {
        _ = node;
        throw new UnsupportedNodeException("convolution is not supported by the native engine yet");
    }
}
