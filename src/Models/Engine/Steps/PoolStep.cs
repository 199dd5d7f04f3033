using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

        ref byte source = ref MemoryMarshal.GetReference(src);
        ref byte target = ref MemoryMarshal.GetReference(dst);
        int o = 0;
        for (int p = 0; p < g.Planes; p++)
        {
            ref byte plane = ref Unsafe.Add(ref source, p * planeSize);
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
                    int max = 0;
                    for (int iy = yStart; iy < yEnd; iy++)
                    {
                        ref byte row = ref Unsafe.Add(ref plane, iy * g.InW);
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
