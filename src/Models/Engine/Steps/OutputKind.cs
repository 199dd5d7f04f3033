namespace EdgeAi.Models.Engine.Steps;

/// <summary>What an integer GEMM or convolution writes.</summary>
internal enum OutputKind
{
    /// <summary>The raw int32 accumulators (MatMulInteger).</summary>
    Int32,

    /// <summary>Requantized u8/s8 (QLinearMatMul, or a fused QDQ pattern ending in QuantizeLinear).</summary>
    Quantized,

    /// <summary>Dequantized float (a fused QDQ pattern whose output is not quantized again).</summary>
    Float,
}
