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
