namespace EdgeAi.Models.Engine.Planning;

/// <summary>
/// An op between DequantizeLinear and QuantizeLinear nodes that all share one scale and zero point (MaxPool, Reshape,
/// Flatten, Transpose, Concat, Identity, Relu, Clip): it runs on the quantized values, exactly, and the Q/DQ pair is
/// not run.
/// </summary>
/// <param name="Node">The op's node index.</param>
/// <param name="Quantize">The QuantizeLinear node index that consumes its output.</param>
/// <param name="Inputs">The quantized values the DequantizeLinear nodes read, in the op's input order.</param>
internal sealed record QuantizedPassthrough(int Node, int Quantize, string[] Inputs);
