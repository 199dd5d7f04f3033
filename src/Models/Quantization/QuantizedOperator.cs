using EdgeAi.Models.Onnx.Proto;

namespace EdgeAi.Models.Quantization;

/// <summary>
/// One MatMul, Gemm or Conv the quantizer runs in int8, with the bias Add (MatMul only) and Relu fused after it:
/// DQ(x) and DQ(w) → op [→ Add DQ(bias)] [→ Relu] → Q → DQ.
/// </summary>
/// <param name="Node">The MatMul, Gemm or Conv.</param>
/// <param name="Activation">The float input x.</param>
/// <param name="Weight">The weight initializer's name.</param>
/// <param name="WeightAxis">The output-channel axis of the weight (per-channel scales along it).</param>
/// <param name="Bias">The bias initializer's name (Gemm C, Conv B or the MatMul's Add), if any.</param>
/// <param name="BiasAdd">The Add carrying a MatMul's bias, if fused.</param>
/// <param name="Relu">The Relu fused after the op, if any.</param>
/// <param name="Output">The tensor the group produces: the Relu's, the Add's or the op's output.</param>
internal sealed record QuantizedOperator(
    NodeProto Node, string Activation, string Weight, int WeightAxis, string? Bias, NodeProto? BiasAdd, NodeProto? Relu, string Output);
