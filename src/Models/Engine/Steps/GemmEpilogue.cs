using System.Runtime.InteropServices;
using EdgeAi.Models.Kernels;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// Turns int32 accumulators (rows x channels, or channels x positions for a convolution) into the output:
/// quantized y = clamp(round_half_even((acc + bias[c]) · xScale·wScale[c] / yScale) + yZeroPoint, min, max) with
/// the fixed-point multiplier of <see cref="Requantization"/> (min/max narrowed by a fused Relu or Clip), or float
/// y = clamp(acc · xScale·wScale[c] + bias[c], min, max).
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

    /// <summary>Applies the epilogue; <paramref name="channelIsColumn"/> says whether the channel is the column (GEMM) or the row (convolution).</summary>
    public void Apply(ReadOnlySpan<int> acc, int rows, int columns, bool channelIsColumn, Tensor y, int outputOffset)
    {
        int count = rows * columns;
        switch (Kind)
        {
            case OutputKind.Int32:
                acc[..count].CopyTo(y.AsSpan<int>().Slice(outputOffset, count));
                break;
            case OutputKind.Quantized:
                {
                    Span<byte> dst = y.Bytes.Slice(outputOffset, count);
                    Requantization r = Requantization!;
                    int[]? bias = IntBias;
                    for (int i = 0, k = 0; i < rows; i++)
                    {
                        for (int j = 0; j < columns; j++, k++)
                        {
                            int c = channelIsColumn ? j : i;
                            int v = bias is null ? acc[k] : unchecked(acc[k] + bias[c]);
                            dst[k] = unchecked((byte)r.Apply(v, r.Channels == 1 ? 0 : c));
                        }
                    }

                    break;
                }

            default:
                {
                    Span<float> dst = MemoryMarshal.Cast<byte, float>(y.Bytes).Slice(outputOffset, count);
                    float[] scales = Scales!;
                    float[]? bias = FloatBias;
                    for (int i = 0, k = 0; i < rows; i++)
                    {
                        for (int j = 0; j < columns; j++, k++)
                        {
                            int c = channelIsColumn ? j : i;
                            float v = acc[k] * scales[scales.Length == 1 ? 0 : c];
                            if (bias is not null)
                            {
                                v += bias[c];
                            }

                            dst[k] = Math.Min(Math.Max(v, Min), Max);
                        }
                    }

                    break;
                }
        }
    }
}
