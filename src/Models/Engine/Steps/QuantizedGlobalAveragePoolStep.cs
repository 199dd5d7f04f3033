using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// GlobalAveragePool between a DequantizeLinear and a QuantizeLinear with the same scale and zero point, on the
/// quantized values: Q(mean(DQ(x))) = round_half_even(mean(x - zp)) + zp in exact integer arithmetic (the scales
/// cancel), where the float path rounds the dequantized sum first. A mean of in-range values stays in range.
/// </summary>
internal sealed class QuantizedGlobalAveragePoolStep(Tensor x, Tensor y, int planes, int planeSize, int zeroPoint) : EngineStep
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        if (x.ElementType == TensorElementType.Int8)
        {
            ReadOnlySpan<sbyte> src = MemoryMarshal.Cast<byte, sbyte>(x.Bytes);
            Span<sbyte> dst = MemoryMarshal.Cast<byte, sbyte>(y.Bytes);
            for (int p = 0; p < planes; p++)
            {
                long sum = 0;
                foreach (sbyte v in src.Slice(p * planeSize, planeSize))
                {
                    sum += v;
                }

                dst[p] = (sbyte)Math.Clamp(RoundedMean(sum - ((long)zeroPoint * planeSize), planeSize) + zeroPoint, sbyte.MinValue, sbyte.MaxValue);
            }

            return;
        }

        ReadOnlySpan<byte> bytes = x.Bytes;
        Span<byte> output = y.Bytes;
        for (int p = 0; p < planes; p++)
        {
            long sum = 0;
            foreach (byte v in bytes.Slice(p * planeSize, planeSize))
            {
                sum += v;
            }

            output[p] = (byte)Math.Clamp(RoundedMean(sum - ((long)zeroPoint * planeSize), planeSize) + zeroPoint, byte.MinValue, byte.MaxValue);
        }
    }

    /// <summary>sum / count rounded to nearest, ties to even, exactly; 0 for no values.</summary>
    internal static long RoundedMean(long sum, long count)
    {
        if (count <= 0)
        {
            return 0;
        }

        long floor = Math.DivRem(sum, count, out long remainder);
        if (remainder < 0)
        {
            floor--;
            remainder += count;
        }

        return 2 * remainder > count || (2 * remainder == count && (floor & 1) != 0) ? floor + 1 : floor;
    }
}
