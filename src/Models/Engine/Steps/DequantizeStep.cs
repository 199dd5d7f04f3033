using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>ONNX DequantizeLinear from u8, s8 or int32, per tensor or per axis: y = (x - zeroPoint) · scale in float32.</summary>
internal sealed class DequantizeStep(Tensor x, Tensor y, float[] scales, int[] zeroPoints, AxisLayout layout) : EngineStep
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        Span<float> dst = y.AsSpan<float>();
        if (x.ElementType == TensorElementType.UInt8 && scales.Length == 1 && zeroPoints.Length == 1)
        {
            PerTensorUInt8(x.Bytes, dst, scales[0], zeroPoints[0]);
            return;
        }

        int i = 0;
        for (int o = 0; o < layout.Outer; o++)
        {
            for (int c = 0; c < layout.Channels; c++)
            {
                float scale = scales[scales.Length == 1 ? 0 : c];
                int zp = zeroPoints[zeroPoints.Length == 1 ? 0 : c];
                Span<float> row = dst.Slice(i, layout.Inner);
                switch (x.ElementType)
                {
                    case TensorElementType.UInt8:
                        ReadOnlySpan<byte> u8 = x.Bytes.Slice(i, layout.Inner);
                        for (int j = 0; j < row.Length; j++)
                        {
                            row[j] = (u8[j] - zp) * scale;
                        }

                        break;
                    case TensorElementType.Int8:
                        ReadOnlySpan<sbyte> s8 = MemoryMarshal.Cast<byte, sbyte>(x.Bytes).Slice(i, layout.Inner);
                        for (int j = 0; j < row.Length; j++)
                        {
                            row[j] = (s8[j] - zp) * scale;
                        }

                        break;
                    default:
                        ReadOnlySpan<int> s32 = x.AsSpan<int>().Slice(i, layout.Inner);
                        for (int j = 0; j < row.Length; j++)
                        {
                            row[j] = unchecked(s32[j] - zp) * scale;
                        }

                        break;
                }

                i += layout.Inner;
            }
        }
    }

    /// <summary>
    /// Per-tensor u8 DequantizeLinear, 16 values per step: the same float32 operations as the scalar loop (exact
    /// int-to-float conversion of x - zeroPoint, one IEEE multiplication), so bit-identical.
    /// </summary>
    internal static void PerTensorUInt8(ReadOnlySpan<byte> src, Span<float> dst, float scale, int zeroPoint)
    {
        if (dst.Length < src.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(dst));
        }

        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> s = Vector128.Create(scale);
            Vector128<int> zp = Vector128.Create(zeroPoint);
            ref byte x = ref MemoryMarshal.GetReference(src);
            ref float y = ref MemoryMarshal.GetReference(dst);
            for (; i <= src.Length - 16; i += 16)
            {
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref x, (nuint)i));
                (Vector128<uint> a, Vector128<uint> b) = Vector128.Widen(lo);
                (Vector128<uint> c, Vector128<uint> d) = Vector128.Widen(hi);
                (Vector128.ConvertToSingle(a.AsInt32() - zp) * s).StoreUnsafe(ref y, (nuint)i);
                (Vector128.ConvertToSingle(b.AsInt32() - zp) * s).StoreUnsafe(ref y, (nuint)(i + 4));
                (Vector128.ConvertToSingle(c.AsInt32() - zp) * s).StoreUnsafe(ref y, (nuint)(i + 8));
                (Vector128.ConvertToSingle(d.AsInt32() - zp) * s).StoreUnsafe(ref y, (nuint)(i + 12));
            }
        }

        for (; i < src.Length; i++)
        {
            dst[i] = (src[i] - zeroPoint) * scale;
        }
    }
}
