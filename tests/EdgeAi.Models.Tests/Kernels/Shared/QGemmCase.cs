using System.Globalization;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>One random quantized GEMM problem: u8 A (M x K), s8 B (K x N), zero points and output multipliers.</summary>
public sealed record QGemmCase(
    int M,
    int K,
    int N,
    byte[] A,
    byte AZeroPoint,
    sbyte[] B,
    sbyte[] BZeroPoints,
    double[] Multipliers,
    int OutputZeroPoint)
{
    /// <summary>Short description for CsCheck's failure report (the arrays come from the seed).</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"M={M} K={K} N={N} aZero={AZeroPoint} bZeros=[{string.Join(",", BZeroPoints)}] multipliers={Multipliers.Length} yZero={OutputZeroPoint}");
}
