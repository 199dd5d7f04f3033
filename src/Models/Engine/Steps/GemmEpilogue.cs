using System.Runtime.CompilerServices;
using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// How an integer GEMM or convolution's int32 accumulators become its output. Quantized:
/// y = clamp(round_half_even((acc + bias[c]) · xScale·wScale[c] / yScale) + yZeroPoint, min, max) in the fixed point
/// of <see cref="Kernels.Requantization"/>, with min/max narrowed by a fused Relu or Clip and float biases made int32
/// at scale xScale·wScale[c], rounded half to even. Float: y = clamp(acc · xScale·wScale[c] + bias[c], min, max),
/// with the bias kept in float.
/// </summary>
internal sealed class GemmEpilogue
{
    private GemmEpilogue(OutputKind kind)
    {
        Kind = kind;
    }

    public OutputKind Kind { get; }

    public Requantization? Requantization { get; private init; }

    public int[]? IntBias { get; private init; }

    public float[]? Scales { get; private init; }

    public float[]? FloatBias { get; private init; }

    public float Min { get; private init; } = float.NegativeInfinity;

    public float Max { get; private init; } = float.PositiveInfinity;

    public static GemmEpilogue Int32() => new(OutputKind.Int32);

    public static GemmEpilogue Quantized(Requantization requantization, int[]? bias) =>
        new(OutputKind.Quantized) { Requantization = requantization, IntBias = bias };

    public static GemmEpilogue Float(float[] scales, float[]? bias, float min, float max) =>
        new(OutputKind.Float) { Scales = scales, FloatBias = bias, Min = min, Max = max };

    /// <summary>The float output of a rows x columns accumulator block (the column is the output channel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ApplyFloat(ReadOnlySpan<int> acc, int rows, int columns, Span<float> y)
    {
        float[] scales = Scales!;
        float[]? bias = FloatBias;
        for (int i = 0, k = 0; i < rows; i++)
        {
            for (int c = 0; c < columns; c++, k++)
            {
                float v = acc[k] * scales[scales.Length == 1 ? 0 : c];
                if (bias is not null)
                {
                    v += bias[c];
                }

                y[k] = Math.Min(Math.Max(v, Min), Max);
            }
        }
    }
}
