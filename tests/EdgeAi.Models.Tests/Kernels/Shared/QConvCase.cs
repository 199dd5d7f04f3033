using System.Globalization;
using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>One random QLinearConv problem: NCHW u8 input, OIHW s8 weights, zero points, bias and output multipliers.</summary>
public sealed record QConvCase(
    QConvShape Shape,
    int Batch,
    byte[] Input,
    byte InputZeroPoint,
    sbyte[] Weights,
    sbyte[] WeightZeroPoints,
    int[] Bias,
    double[] Multipliers,
    int OutputZeroPoint)
{
    /// <summary>Short description for CsCheck's failure report (the arrays come from the seed).</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Shape} batch={Batch} xZero={InputZeroPoint} wZeros=[{string.Join(",", WeightZeroPoints)}] bias={Bias.Length} multipliers={Multipliers.Length} yZero={OutputZeroPoint}");
}
