using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// Direct depthwise convolution (group = C = M, one filter per channel), no im2col. Padding taps are skipped: they
/// hold x = x_zero_point and contribute 0, so skipping them is exact. Accumulation is int32 with wrap-around, as in
/// the GEMM, so results are bit-identical to it.
/// </summary>
/// <remarks>
/// With stride 1 or 2 along the width the interior of every output row (the pixels whose taps all lie inside the input
/// row) is computed eight pixels at a time with <see cref="Vector128"/>: eight u8 inputs (stride 2: the even bytes of a
/// 16-byte load) widened to int32, minus the zero point, times the broadcast (w - w_zero_point). Borders, other strides
/// and CPUs without SIMD use the scalar loop. Small planes (a zero-point-padded copy of at most 1 KiB, e.g. 12x12 with
/// stride 2, whose rows are too narrow for interior blocks) are first copied into a padded stack buffer, so every
/// output pixel, borders included, goes through the 8-pixel blocks.
/// </remarks>
internal static class DepthwiseConvKernel
{
    private const int Block = 8;

    /// <summary>Largest zero-point-padded input plane (bytes, on the stack) for the small-plane path.</summary>
    private const int MaxPaddedPlane = 1024;

    /// <param name="image">One input image, C planes of H · W.</param>
    /// <param name="shape">A depthwise shape.</param>
    /// <param name="zeroPoint">The input zero point.</param>
    /// <param name="weights">C · kH · kW values of (w - w_zero_point[c]).</param>
    /// <param name="bias">Empty or C values.</param>
    /// <param name="requantization">1 or C channels.</param>
    /// <param name="output">One output image, C planes of OH · OW.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ReadOnlySpan<byte> image, QConvShape shape, byte zeroPoint, ReadOnlySpan<int> weights, ReadOnlySpan<int> bias, Requantization requantization, Span<byte> output)
    {
        int plane = shape.Height * shape.Width;
        int taps = shape.KernelHeight * shape.KernelWidth;
        int outputPlane = shape.OutputHeight * shape.OutputWidth;
        if (PaddedPlaneSize(shape, out int paddedHeight, out int paddedWidth) is > 0 and <= MaxPaddedPlane)
        {
            Span<byte> padded = stackalloc byte[MaxPaddedPlane];
            padded = padded[..(paddedHeight * paddedWidth)];
            for (int c = 0; c < shape.Channels; c++)
            {
                PaddedChannel(
                    image.Slice(c * plane, plane), shape, zeroPoint, weights.Slice(c * taps, taps), bias.IsEmpty ? 0 : bias[c],
                    requantization, c, output.Slice(c * outputPlane, outputPlane), padded, paddedWidth);
            }

            return;
        }

        for (int c = 0; c < shape.Channels; c++)
        {
            Channel(
                image.Slice(c * plane, plane), shape, zeroPoint, weights.Slice(c * taps, taps), bias.IsEmpty ? 0 : bias[c],
                requantization, c, output.Slice(c * outputPlane, outputPlane));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Channel(
        ReadOnlySpan<byte> input, QConvShape shape, int zeroPoint, ReadOnlySpan<int> weights, int bias, Requantization requantization, int channel, Span<byte> output)
    {
        int width = shape.Width;
        int outputWidth = shape.OutputWidth;
        int kernelWidth = shape.KernelWidth;
        int dilationWidth = shape.DilationWidth;

        // Output columns whose taps all lie inside the input row (stride 1): ow - padLeft >= 0 and ow - padLeft + (kW - 1) · dW < W.
        int vectorStart = 0;
        int vectorEnd = 0;
        if (shape.StrideWidth == 1 && Vector128.IsHardwareAccelerated)
        {
            vectorStart = Math.Min(shape.PadLeft, outputWidth);
            vectorEnd = Math.Clamp(width - ((kernelWidth - 1) * dilationWidth) + shape.PadLeft, vectorStart, outputWidth);
        }
        else if (shape.StrideWidth == 2 && Vector128.IsHardwareAccelerated)
        {
            // Stride 2 loads 16 bytes per tap and keeps the even ones: a block starting at ow reads input columns
            // 2·ow - padLeft + kw·dW .. +15, which must lie in [0, W) for the last tap; blocks are then whole 8-pixel runs.
            vectorStart = Math.Min((shape.PadLeft + 1) / 2, outputWidth);
            int room = width - 16 - ((kernelWidth - 1) * dilationWidth) + shape.PadLeft; // 2 · (last block start) at most
            vectorEnd = room < 0 ? vectorStart : Math.Clamp((room / 2) + Block, vectorStart, outputWidth);
        }

        Span<int> block = stackalloc int[Block];
        for (int oh = 0; oh < shape.OutputHeight; oh++)
        {
            Span<byte> outputRow = output.Slice(oh * outputWidth, outputWidth);
            int ow = 0;
            for (; ow < vectorStart; ow++)
            {
                outputRow[ow] = Requantize(unchecked(Pixel(input, shape, zeroPoint, weights, oh, ow) + bias), requantization, channel);
            }

            for (; ow + Block <= vectorEnd; ow += Block)
            {
                if (shape.StrideWidth == 1)
                {
                    PixelBlock(input, shape, zeroPoint, weights, oh, ow, block);
                }
                else
                {
                    PixelBlockStrideTwo(input, shape, zeroPoint, weights, oh, ow, block);
                }

                for (int j = 0; j < Block; j++)
                {
                    outputRow[ow + j] = Requantize(unchecked(block[j] + bias), requantization, channel);
                }
            }

            for (; ow < outputWidth; ow++)
            {
                outputRow[ow] = Requantize(unchecked(Pixel(input, shape, zeroPoint, weights, oh, ow) + bias), requantization, channel);
            }
        }
    }

    /// <summary>
    /// Bytes of the zero-point-padded copy of one input plane that lets every output pixel of a small plane (stride 1 or
    /// 2 along the width) be computed in whole 8-pixel blocks, or 0 where that path does not apply.
    /// </summary>
    private static int PaddedPlaneSize(QConvShape shape, out int paddedHeight, out int paddedWidth)
    {
        paddedHeight = 0;
        paddedWidth = 0;
        if (!Vector128.IsHardwareAccelerated || (shape.StrideWidth != 1 && shape.StrideWidth != 2) || shape.OutputWidth == 0 || shape.OutputHeight == 0)
        {
            return 0;
        }

        // Padded column of output ow, tap kw: ow · sW + kw · dW; a block at ow reads 8 (stride 1) or 16 (stride 2) bytes from there.
        int lastBlock = ((shape.OutputWidth - 1) / Block) * Block;
        int reach = (lastBlock * shape.StrideWidth) + ((shape.KernelWidth - 1) * shape.DilationWidth) + (Block * shape.StrideWidth);
        paddedWidth = Math.Max(reach, shape.PadLeft + shape.Width);
        int rows = ((shape.OutputHeight - 1) * shape.StrideHeight) + ((shape.KernelHeight - 1) * shape.DilationHeight) + 1;
        paddedHeight = Math.Max(rows, shape.PadTop + shape.Height);
        long size = (long)paddedHeight * paddedWidth;
        return size <= MaxPaddedPlane ? (int)size : 0;
    }

    /// <summary>
    /// One channel of a small plane: the input is copied into <paramref name="padded"/> (filled with the zero point, so
    /// padding taps contribute exactly 0), then every output row is computed in whole 8-pixel blocks with no border
    /// cases; pixels of the last block past the row's end are discarded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PaddedChannel(
        ReadOnlySpan<byte> input, QConvShape shape, byte zeroPoint, ReadOnlySpan<int> weights, int bias, Requantization requantization, int channel,
        Span<byte> output, Span<byte> padded, int paddedWidth)
    {
        padded.Fill(zeroPoint);
        int width = shape.Width;
        for (int ih = 0; ih < shape.Height; ih++)
        {
            input.Slice(ih * width, width).CopyTo(padded.Slice(((ih + shape.PadTop) * paddedWidth) + shape.PadLeft, width));
        }

        int outputWidth = shape.OutputWidth;
        int kernelHeight = shape.KernelHeight;
        int kernelWidth = shape.KernelWidth;
        int dilationHeight = shape.DilationHeight * paddedWidth;
        int dilationWidth = shape.DilationWidth;
        Vector128<byte> evens = Vector128.Create((byte)0, 2, 4, 6, 8, 10, 12, 14, 0, 2, 4, 6, 8, 10, 12, 14);
        Vector128<short> zero = Vector128.Create((short)zeroPoint);
        ref byte origin = ref MemoryMarshal.GetReference(padded);
        ref int weight0 = ref MemoryMarshal.GetReference(weights);
        Span<int> block = stackalloc int[Block];
        for (int oh = 0; oh < shape.OutputHeight; oh++)
        {
            Span<byte> outputRow = output.Slice(oh * outputWidth, outputWidth);
            ref byte rowOrigin = ref Unsafe.Add(ref origin, oh * shape.StrideHeight * paddedWidth);
            for (int ow = 0; ow < outputWidth; ow += Block)
            {
                ref byte start = ref Unsafe.Add(ref rowOrigin, ow * shape.StrideWidth);
                Vector128<int> low = Vector128<int>.Zero;
                Vector128<int> high = Vector128<int>.Zero;
                for (int kh = 0; kh < kernelHeight; kh++)
                {
                    ref byte row = ref Unsafe.Add(ref start, kh * dilationHeight);
                    ref int w = ref Unsafe.Add(ref weight0, kh * kernelWidth);
                    for (int kw = 0; kw < kernelWidth; kw++)
                    {
                        ref byte tap = ref Unsafe.Add(ref row, kw * dilationWidth);
                        Vector128<byte> bytes = shape.StrideWidth == 1
                            ? Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref tap)).AsByte()
                            : Vector128.Shuffle(Vector128.LoadUnsafe(ref tap), evens);
                        Vector128<short> x = Vector128.WidenLower(bytes).AsInt16() - zero;
                        (Vector128<int> x0, Vector128<int> x1) = Vector128.Widen(x);
                        Vector128<int> wv = Vector128.Create(Unsafe.Add(ref w, kw));
                        low += x0 * wv;
                        high += x1 * wv;
                    }
                }

                low.CopyTo(block);
                high.CopyTo(block[Vector128<int>.Count..]);
                int count = Math.Min(Block, outputWidth - ow);
                for (int j = 0; j < count; j++)
                {
                    outputRow[ow + j] = Requantize(unchecked(block[j] + bias), requantization, channel);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Requantize(int accumulator, Requantization requantization, int channel) =>
        unchecked((byte)requantization.Apply(accumulator, channel));

    /// <summary>Σ over in-range taps of (x - zeroPoint) · w', int32 wrapping.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Pixel(ReadOnlySpan<byte> input, QConvShape shape, int zeroPoint, ReadOnlySpan<int> weights, int oh, int ow)
    {
        int ih0 = (oh * shape.StrideHeight) - shape.PadTop;
        int iw0 = (ow * shape.StrideWidth) - shape.PadLeft;
        int sum = 0;
        for (int kh = 0; kh < shape.KernelHeight; kh++)
        {
            int ih = ih0 + (kh * shape.DilationHeight);
            if ((uint)ih >= (uint)shape.Height)
            {
                continue;
            }

            ReadOnlySpan<byte> row = input.Slice(ih * shape.Width, shape.Width);
            ReadOnlySpan<int> w = weights.Slice(kh * shape.KernelWidth, shape.KernelWidth);
            for (int kw = 0; kw < w.Length; kw++)
            {
                int iw = iw0 + (kw * shape.DilationWidth);
                if ((uint)iw < (uint)row.Length)
                {
                    sum = unchecked(sum + ((row[iw] - zeroPoint) * w[kw]));
                }
            }
        }

        return sum;
    }

    /// <summary>
    /// Eight consecutive output pixels of row <paramref name="oh"/> from <paramref name="ow"/> (stride 1, every tap inside
    /// the row, so the eight-byte loads stay within it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PixelBlock(ReadOnlySpan<byte> input, QConvShape shape, int zeroPoint, ReadOnlySpan<int> weights, int oh, int ow, Span<int> block)
    {
        int ih0 = (oh * shape.StrideHeight) - shape.PadTop;
        int iw0 = ow - shape.PadLeft;
        Vector128<short> zero = Vector128.Create((short)zeroPoint);
        Vector128<int> low = Vector128<int>.Zero;
        Vector128<int> high = Vector128<int>.Zero;
        ref byte origin = ref MemoryMarshal.GetReference(input);
        for (int kh = 0; kh < shape.KernelHeight; kh++)
        {
            int ih = ih0 + (kh * shape.DilationHeight);
            if ((uint)ih >= (uint)shape.Height)
            {
                continue;
            }

            ref byte row = ref Unsafe.Add(ref origin, (ih * shape.Width) + iw0);
            ReadOnlySpan<int> w = weights.Slice(kh * shape.KernelWidth, shape.KernelWidth);
            for (int kw = 0; kw < w.Length; kw++)
            {
                ulong bytes = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref row, kw * shape.DilationWidth));
                Vector128<short> x = Vector128.WidenLower(Vector128.CreateScalarUnsafe(bytes).AsByte()).AsInt16() - zero;
                (Vector128<int> x0, Vector128<int> x1) = Vector128.Widen(x);
                Vector128<int> weight = Vector128.Create(w[kw]);
                low += x0 * weight;
                high += x1 * weight;
            }
        }

        low.CopyTo(block);
        high.CopyTo(block[Vector128<int>.Count..]);
    }

    /// <summary>
    /// Eight output pixels of row <paramref name="oh"/> from <paramref name="ow"/> with stride 2: each tap loads 16 input
    /// bytes (all inside the row) and keeps the even ones with one shuffle (pshufb / TBL).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PixelBlockStrideTwo(ReadOnlySpan<byte> input, QConvShape shape, int zeroPoint, ReadOnlySpan<int> weights, int oh, int ow, Span<int> block)
    {
        int ih0 = (oh * shape.StrideHeight) - shape.PadTop;
        int iw0 = (2 * ow) - shape.PadLeft;
        Vector128<byte> evens = Vector128.Create((byte)0, 2, 4, 6, 8, 10, 12, 14, 0, 2, 4, 6, 8, 10, 12, 14);
        Vector128<short> zero = Vector128.Create((short)zeroPoint);
        Vector128<int> low = Vector128<int>.Zero;
        Vector128<int> high = Vector128<int>.Zero;
        ref byte origin = ref MemoryMarshal.GetReference(input);
        for (int kh = 0; kh < shape.KernelHeight; kh++)
        {
            int ih = ih0 + (kh * shape.DilationHeight);
            if ((uint)ih >= (uint)shape.Height)
            {
                continue;
            }

            ref byte row = ref Unsafe.Add(ref origin, (ih * shape.Width) + iw0);
            ReadOnlySpan<int> w = weights.Slice(kh * shape.KernelWidth, shape.KernelWidth);
            for (int kw = 0; kw < w.Length; kw++)
            {
                Vector128<byte> bytes = Vector128.Shuffle(Vector128.LoadUnsafe(ref Unsafe.Add(ref row, kw * shape.DilationWidth)), evens);
                Vector128<short> x = Vector128.WidenLower(bytes).AsInt16() - zero;
                (Vector128<int> x0, Vector128<int> x1) = Vector128.Widen(x);
                Vector128<int> weight = Vector128.Create(w[kw]);
                low += x0 * weight;
                high += x1 * weight;
            }
        }

        low.CopyTo(block);
        high.CopyTo(block[Vector128<int>.Count..]);
    }
}
