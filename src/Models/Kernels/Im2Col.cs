using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// Lays out convolution patches as GEMM rows: row r holds the receptive field of output pixel firstPixel + r in
/// weight order (input channel, kernel row, kernel column), K = C / group · kH · kW bytes. Positions in the padding
/// get the input zero point, so they contribute (x - x_zero_point) = 0, exactly ONNX's zero padding in real terms.
/// </summary>
internal static class Im2Col
{
    /// <summary>Largest zero-point-padded input copy (bytes, on the stack) for <see cref="PackPadded"/>.</summary>
    private const int MaxPaddedInput = 4096;

    /// <param name="groupInput">One group's input channels of one image, C / group planes of H · W bytes.</param>
    /// <param name="shape">The convolution.</param>
    /// <param name="firstPixel">The first output pixel (row-major over OH x OW).</param>
    /// <param name="rows">How many output pixels.</param>
    /// <param name="zeroPoint">The input zero point, written at padding positions.</param>
    /// <param name="columns">rows x K bytes.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(ReadOnlySpan<byte> groupInput, QConvShape shape, int firstPixel, int rows, byte zeroPoint, Span<byte> columns)
    {
        if (IsPointwise(shape))
        {
            Transpose(groupInput, shape.Height * shape.Width, shape.ChannelsPerGroup, firstPixel, rows, columns);
            return;
        }

        int k = shape.KernelSize;
        if ((long)rows * k > columns.Length || shape.ChannelsPerGroup * shape.Height * shape.Width > groupInput.Length)
        {
            throw new ArgumentException("The patch buffer or the input is too small for the shape.", nameof(columns));
        }

        if (PaddedInputSize(shape) is > 0 and <= MaxPaddedInput)
        {
            PackPadded(groupInput, shape, firstPixel, rows, zeroPoint, columns);
            return;
        }

        int height = shape.Height;
        int width = shape.Width;
        int planeSize = height * width;
        int channels = shape.ChannelsPerGroup;
        int kernelHeight = shape.KernelHeight;
        int kernelWidth = shape.KernelWidth;
        int dilationWidth = shape.DilationWidth;
        int dilationHeight = shape.DilationHeight;
        int outputWidth = shape.OutputWidth;
        int strideHeight = shape.StrideHeight;
        int strideWidth = shape.StrideWidth;
        int padTop = shape.PadTop;
        int padLeft = shape.PadLeft;
        int inputLength = groupInput.Length;
        int columnsLength = columns.Length;
        ref byte input = ref MemoryMarshal.GetReference(groupInput);
        ref byte target = ref MemoryMarshal.GetReference(columns);

        // Every index below is checked against the shape (rows within [0, H), columns within [0, W)), and the lengths
        // were validated above, so the copies use refs rather than slices: the patches of small convolutions are a
        // few bytes each, and slicing and a memmove call per patch row cost more than the bytes themselves.
        int oh = firstPixel / outputWidth;
        int ow = firstPixel - (oh * outputWidth) - 1;
        for (int r = 0; r < rows; r++)
        {
            // The output pixel firstPixel + r, stepped rather than divided.
            if (++ow == outputWidth)
            {
                ow = 0;
                oh++;
            }

            int ih0 = (oh * strideHeight) - padTop;
            int iw0 = (ow * strideWidth) - padLeft;
            bool rowInside = dilationWidth == 1 && iw0 >= 0 && iw0 + kernelWidth <= width;
            ref byte patch = ref Unsafe.Add(ref target, r * k);
            int t = 0;
            for (int ic = 0; ic < channels; ic++)
            {
                ref byte plane = ref Unsafe.Add(ref input, ic * planeSize);
                for (int kh = 0; kh < kernelHeight; kh++, t += kernelWidth)
                {
                    int ih = ih0 + (kh * dilationHeight);
                    ref byte patchRow = ref Unsafe.Add(ref patch, t);
                    if ((uint)ih >= (uint)height)
                    {
                        Unsafe.InitBlockUnaligned(ref patchRow, zeroPoint, (uint)kernelWidth);
                        continue;
                    }

                    ref byte inputRow = ref Unsafe.Add(ref plane, ih * width);
                    if (rowInside)
                    {
                        ref byte source = ref Unsafe.Add(ref inputRow, iw0);
                        int sourceOffset = (ic * planeSize) + (ih * width) + iw0;
                        int targetOffset = (r * k) + t;
                        if (kernelWidth <= 8 && sourceOffset + 8 <= inputLength && targetOffset + 8 <= columnsLength)
                        {
                            // One 8-byte move; the bytes past the kernel row land where the next patch rows go, and
                            // patch rows are written in increasing order, so they are overwritten before anyone reads them.
                            Unsafe.WriteUnaligned(ref patchRow, Unsafe.ReadUnaligned<ulong>(ref source));
                            continue;
                        }

                        for (int kw = 0; kw < kernelWidth; kw++)
                        {
                            Unsafe.Add(ref patchRow, kw) = Unsafe.Add(ref source, kw);
                        }

                        continue;
                    }

                    for (int kw = 0; kw < kernelWidth; kw++)
                    {
                        int iw = iw0 + (kw * dilationWidth);
                        Unsafe.Add(ref patchRow, kw) = (uint)iw < (uint)width ? Unsafe.Add(ref inputRow, iw) : zeroPoint;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Bytes of the zero-point-padded copy of the group's input planes that <see cref="PackPadded"/> uses (kernel rows of
    /// at most 8 contiguous bytes, dilation width 1), plus 8 bytes of slack for the last 8-byte read; 0 where it does not apply.
    /// </summary>
    private static int PaddedInputSize(QConvShape shape)
    {
        if (shape.KernelWidth > 8 || shape.DilationWidth != 1)
        {
            return 0;
        }

        PaddedPlane(shape, out int paddedHeight, out int paddedWidth);
        long size = ((long)shape.ChannelsPerGroup * paddedHeight * paddedWidth) + 8;
        return size <= MaxPaddedInput ? (int)size : 0;
    }

    private static void PaddedPlane(QConvShape shape, out int paddedHeight, out int paddedWidth)
    {
        paddedHeight = Math.Max(shape.PadTop + shape.Height, ((shape.OutputHeight - 1) * shape.StrideHeight) + ((shape.KernelHeight - 1) * shape.DilationHeight) + 1);
        paddedWidth = Math.Max(shape.PadLeft + shape.Width, ((shape.OutputWidth - 1) * shape.StrideWidth) + shape.KernelWidth);
    }

    /// <summary>
    /// Small inputs: the group's planes are first copied into a stack buffer filled with the zero point (the padding),
    /// so every kernel row of every patch is one 8-byte move with no border cases. The bytes a move writes past its
    /// kernel row land where the next kernel rows go and are overwritten before anyone reads them (the very last one is
    /// copied byte by byte where 8 bytes would run past <paramref name="columns"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackPadded(ReadOnlySpan<byte> groupInput, QConvShape shape, int firstPixel, int rows, byte zeroPoint, Span<byte> columns)
    {
        PaddedPlane(shape, out int paddedHeight, out int paddedWidth);
        int channels = shape.ChannelsPerGroup;
        int paddedPlane = paddedHeight * paddedWidth;
        int height = shape.Height;
        int width = shape.Width;
        Span<byte> padded = stackalloc byte[MaxPaddedInput];
        padded = padded[..((channels * paddedPlane) + 8)];
        padded.Fill(zeroPoint);
        for (int ic = 0; ic < channels; ic++)
        {
            for (int ih = 0; ih < height; ih++)
            {
                groupInput.Slice(((ic * height) + ih) * width, width)
                    .CopyTo(padded.Slice((ic * paddedPlane) + ((ih + shape.PadTop) * paddedWidth) + shape.PadLeft, width));
            }
        }

        int k = shape.KernelSize;
        int kernelHeight = shape.KernelHeight;
        int kernelWidth = shape.KernelWidth;
        int rowStep = shape.DilationHeight * paddedWidth;
        int outputWidth = shape.OutputWidth;
        int strideHeight = shape.StrideHeight;
        int strideWidth = shape.StrideWidth;
        int safeEnd = columns.Length - 8; // 8-byte stores at offsets up to here stay inside columns
        ref byte source0 = ref MemoryMarshal.GetReference(padded);
        ref byte target = ref MemoryMarshal.GetReference(columns);

        // Every source offset is inside padded (the geometry above covers every tap, plus 8 bytes of slack) and every
        // target offset below r · K + K ≤ rows · K ≤ columns.Length (checked by the caller).
        int oh = firstPixel / outputWidth;
        int ow = firstPixel - (oh * outputWidth) - 1;
        for (int r = 0; r < rows; r++)
        {
            if (++ow == outputWidth)
            {
                ow = 0;
                oh++;
            }

            ref byte origin = ref Unsafe.Add(ref source0, (oh * strideHeight * paddedWidth) + (ow * strideWidth));
            int t = r * k;
            for (int ic = 0; ic < channels; ic++)
            {
                ref byte row = ref Unsafe.Add(ref origin, ic * paddedPlane);
                for (int kh = 0; kh < kernelHeight; kh++, t += kernelWidth)
                {
                    ref byte source = ref Unsafe.Add(ref row, kh * rowStep);
                    if (t <= safeEnd)
                    {
                        Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, t), Unsafe.ReadUnaligned<ulong>(ref source));
                    }
                    else
                    {
                        for (int kw = 0; kw < kernelWidth; kw++)
                        {
                            Unsafe.Add(ref target, t + kw) = Unsafe.Add(ref source, kw);
                        }
                    }
                }
            }
        }
    }

    /// <summary>A 1x1 convolution with stride 1 and no padding: output pixel p reads input pixel p of every channel.</summary>
    private static bool IsPointwise(QConvShape shape) =>
        shape.KernelHeight == 1 && shape.KernelWidth == 1 && shape.StrideHeight == 1 && shape.StrideWidth == 1
        && shape.PadTop == 0 && shape.PadLeft == 0 && shape.PadBottom == 0 && shape.PadRight == 0;

    /// <summary>The GEMM operand of a pointwise convolution is the input planes transposed (pixels x channels), no patches.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(ReadOnlySpan<byte> groupInput, int plane, int channels, int firstPixel, int rows, Span<byte> columns)
    {
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<byte> source = groupInput.Slice((c * plane) + firstPixel, rows);
            for (int r = 0; r < source.Length; r++)
            {
                columns[(r * channels) + c] = source[r];
            }
        }
    }
}
