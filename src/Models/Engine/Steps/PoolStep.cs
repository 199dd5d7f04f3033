using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// MaxPool (float, u8 and s8: exact on quantized values, the maximum commutes with a monotonic dequantization)
/// and float AveragePool (count_include_pad 0 or 1) over NCHW or NCW tensors.
/// </summary>
internal sealed class PoolStep(Tensor x, Tensor y, PoolGeometry g, bool average, bool countIncludePad) : EngineStep
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        if (average)
        {
            Average(x.AsSpan<float>(), y.AsSpan<float>());
            return;
        }

        switch (x.ElementType)
        {
            case TensorElementType.UInt8:
                MaxBytes(x.Bytes, y.Bytes);
                break;
            case TensorElementType.Int8:
                Max(MemoryMarshal.Cast<byte, sbyte>(x.Bytes), MemoryMarshal.Cast<byte, sbyte>(y.Bytes));
                break;
            default:
                Max(x.AsSpan<float>(), y.AsSpan<float>());
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Max<T>(ReadOnlySpan<T> src, Span<T> dst)
        where T : INumber<T>, IMinMaxValue<T>
    {
        int o = 0;
        for (int p = 0; p < g.Planes; p++)
        {
            ReadOnlySpan<T> plane = src.Slice(p * g.InH * g.InW, g.InH * g.InW);
            for (int oy = 0; oy < g.OutH; oy++)
            {
                int y0 = (oy * g.StrideH) - g.PadTop;
                int yStart = Math.Max(y0, 0);
                int yEnd = Math.Min(y0 + g.KernelH, g.InH);
                for (int ox = 0; ox < g.OutW; ox++)
                {
                    int x0 = (ox * g.StrideW) - g.PadLeft;
                    int xStart = Math.Max(x0, 0);
                    int xEnd = Math.Min(x0 + g.KernelW, g.InW);
                    T max = T.MinValue;
                    if (typeof(T) == typeof(float))
                    {
                        max = T.CreateTruncating(float.NegativeInfinity);
                    }

                    for (int iy = yStart; iy < yEnd; iy++)
                    {
                        for (int ix = xStart; ix < xEnd; ix++)
                        {
                            max = T.Max(max, plane[(iy * g.InW) + ix]);
                        }
                    }

                    dst[o++] = max;
                }
            }
        }
    }

    /// <summary>
    /// The u8 maximum, as <see cref="Max{T}"/> but without a branch per tap (which way a maximum goes depends on the
    /// data and mispredicts about half the time) and without a bounds check per tap: the window is clamped to the plane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MaxBytes(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int planeSize = g.InH * g.InW;
        if ((long)g.Planes * planeSize > src.Length || (long)g.Planes * g.OutH * g.OutW > dst.Length)
        {
            throw new InvalidOperationException("The pool's tensors do not match its geometry.");
        }

        // The geometry in locals: the stores through refs below could alias the step's fields, so the JIT would
        // reload every field on every tap.
        int inH = g.InH, inW = g.InW, outH = g.OutH, outW = g.OutW, planes = g.Planes;
        int kernelH = g.KernelH, kernelW = g.KernelW, strideH = g.StrideH, strideW = g.StrideW, padTop = g.PadTop, padLeft = g.PadLeft;
        ref byte source = ref MemoryMarshal.GetReference(src);
        ref byte target = ref MemoryMarshal.GetReference(dst);
        if (kernelH == 1 && strideH == 1 && padTop == 0 && outH == inH && kernelW == 2 && strideW == 2 && padLeft == 0 && inW == 2 * outW)
        {
            // The common 1x2 (or 1-D 2) window with stride 2 and nothing left over: every output is the maximum of one
            // pair of adjacent bytes, and the planes' rows are contiguous, so it is one pass over all pairs.
            PairMax(ref source, ref target, planes * outH * outW);
            return;
        }

        int o = 0;
        for (int p = 0; p < planes; p++)
        {
            ref byte plane = ref Unsafe.Add(ref source, p * planeSize);
            for (int oy = 0; oy < outH; oy++)
            {
                int y0 = (oy * strideH) - padTop;
                int yStart = Math.Max(y0, 0);
                int yEnd = Math.Min(y0 + kernelH, inH);
                for (int ox = 0; ox < outW; ox++)
                {
                    int x0 = (ox * strideW) - padLeft;
                    int xStart = Math.Max(x0, 0);
                    int xEnd = Math.Min(x0 + kernelW, inW);
                    int max = 0;
                    for (int iy = yStart; iy < yEnd; iy++)
                    {
                        ref byte row = ref Unsafe.Add(ref plane, iy * inW);
                        for (int ix = xStart; ix < xEnd; ix++)
                        {
                            int d = Unsafe.Add(ref row, ix) - max;
                            max += d & ~(d >> 31);
                        }
                    }

                    Unsafe.Add(ref target, o++) = (byte)max;
                }
            }
        }
    }

    /// <summary>target[i] = max(source[2i], source[2i + 1]) for i &lt; count, 16 at a time (u16 lanes: low and high byte).</summary>
    private static void PairMax(ref byte source, ref byte target, int count)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<ushort> low = Vector128.Create((ushort)0xFF);
            for (; i <= count - 16; i += 16)
            {
                Vector128<ushort> a = Vector128.LoadUnsafe(ref source, (nuint)(2 * i)).AsUInt16();
                Vector128<ushort> b = Vector128.LoadUnsafe(ref source, (nuint)((2 * i) + 16)).AsUInt16();
                Vector128<ushort> ma = Vector128.Max(a & low, Vector128.ShiftRightLogical(a, 8));
                Vector128<ushort> mb = Vector128.Max(b & low, Vector128.ShiftRightLogical(b, 8));
                Vector128.Narrow(ma, mb).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < count; i++)
        {
            int d = Unsafe.Add(ref source, (2 * i) + 1) - Unsafe.Add(ref source, 2 * i);
            Unsafe.Add(ref target, i) = (byte)(Unsafe.Add(ref source, 2 * i) + (d & ~(d >> 31)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Average(ReadOnlySpan<float> src, Span<float> dst)
    {
        int o = 0;
        for (int p = 0; p < g.Planes; p++)
        {
            ReadOnlySpan<float> plane = src.Slice(p * g.InH * g.InW, g.InH * g.InW);
            for (int oy = 0; oy < g.OutH; oy++)
            {
                int y0 = (oy * g.StrideH) - g.PadTop;
                int yStart = Math.Max(y0, 0);
                int yEnd = Math.Min(y0 + g.KernelH, g.InH);
                for (int ox = 0; ox < g.OutW; ox++)
                {
                    int x0 = (ox * g.StrideW) - g.PadLeft;
                    int xStart = Math.Max(x0, 0);
                    int xEnd = Math.Min(x0 + g.KernelW, g.InW);
                    float sum = 0f;
                    for (int iy = yStart; iy < yEnd; iy++)
                    {
                        for (int ix = xStart; ix < xEnd; ix++)
                        {
                            sum += plane[(iy * g.InW) + ix];
                        }
                    }

                    int count = countIncludePad ? g.KernelH * g.KernelW : (yEnd - yStart) * (xEnd - xStart);
                    dst[o++] = sum / count;
                }
            }
        }
    }
}
