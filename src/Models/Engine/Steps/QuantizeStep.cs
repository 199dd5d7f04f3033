using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// ONNX QuantizeLinear, float to u8/s8, per tensor or per axis: y = saturate(round(x / scale) + zeroPoint) with
/// round half to even, computed in float32 as the ONNX reference and ONNX Runtime's MLAS do.
/// </summary>
internal sealed class QuantizeStep(Tensor x, Tensor y, float[] scales, int[] zeroPoints, AxisLayout layout) : EngineStep
{
    private readonly bool _signed = y.ElementType == TensorElementType.Int8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        ReadOnlySpan<float> src = x.AsSpan<float>();
        Span<byte> dst = y.Bytes;
        int min = _signed ? sbyte.MinValue : byte.MinValue;
        int max = _signed ? sbyte.MaxValue : byte.MaxValue;
        if (scales.Length == 1 && zeroPoints.Length == 1)
        {
            PerTensor(src, dst, scales[0], zeroPoints[0], min, max);
            return;
        }

        int i = 0;
        for (int o = 0; o < layout.Outer; o++)
        {
            for (int c = 0; c < layout.Channels; c++)
            {
                float scale = scales[scales.Length == 1 ? 0 : c];
                float zp = zeroPoints[zeroPoints.Length == 1 ? 0 : c];
                for (int j = 0; j < layout.Inner; j++, i++)
                {
                    dst[i] = unchecked((byte)Quantize(src[i], scale, zp, min, max));
                }
            }
        }
    }

    /// <summary>
    /// A per-tensor QuantizeLinear, 16 values per step with 128-bit vectors: the same float32 operations as
    /// <see cref="Quantize"/> (IEEE division, round half to even, add, NaN to the zero point, clamp), so bit-identical.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PerTensor(ReadOnlySpan<float> src, Span<byte> dst, float scale, int zeroPoint, int min, int max)
    {
        if (dst.Length < src.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(dst));
        }

        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> s = Vector128.Create(scale);
            Vector128<float> zp = Vector128.Create((float)zeroPoint);
            Vector128<float> lo = Vector128.Create((float)min);
            Vector128<float> hi = Vector128.Create((float)max);
            ref float x = ref MemoryMarshal.GetReference(src);
            ref byte y = ref MemoryMarshal.GetReference(dst);
            for (; i <= src.Length - 16; i += 16)
            {
                Vector128<int> q0 = One(Vector128.LoadUnsafe(ref x, (nuint)i), s, zp, lo, hi);
                Vector128<int> q1 = One(Vector128.LoadUnsafe(ref x, (nuint)(i + 4)), s, zp, lo, hi);
                Vector128<int> q2 = One(Vector128.LoadUnsafe(ref x, (nuint)(i + 8)), s, zp, lo, hi);
                Vector128<int> q3 = One(Vector128.LoadUnsafe(ref x, (nuint)(i + 12)), s, zp, lo, hi);
                Vector128.Narrow(Vector128.Narrow(q0, q1), Vector128.Narrow(q2, q3)).AsByte().StoreUnsafe(ref y, (nuint)i);
            }
        }

        for (; i < src.Length; i++)
        {
            dst[i] = unchecked((byte)Quantize(src[i], scale, zeroPoint, min, max));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> One(Vector128<float> v, Vector128<float> scale, Vector128<float> zeroPoint, Vector128<float> min, Vector128<float> max)
    {
        Vector128<float> q = Vector128.Round(v / scale) + zeroPoint;
        q = Vector128.ConditionalSelect(Vector128.Equals(q, q), q, zeroPoint);
        return Vector128.ConvertToInt32(Vector128.Min(Vector128.Max(q, min), max));
    }

    /// <summary>One value: saturate(round_half_even(v / scale) + zp); NaN becomes the zero point (as MLAS).</summary>
    public static int Quantize(float v, float scale, float zeroPoint, int min, int max)
    {
        float q = MathF.Round(v / scale, MidpointRounding.ToEven) + zeroPoint;
        return float.IsNaN(q) ? (int)zeroPoint : (int)Math.Clamp(q, min, max);
    }
}
