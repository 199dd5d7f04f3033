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
    public static void Pack(ReadOnlySpan<byte> groupInput, QConvShape shape, int firstPixel, int rows, byte zeroPoint, Span<byte> columns)
    {
        int k = shape.KernelSize;
        int height = shape.Height;
        int width = shape.Width;
        int kernelHeight = shape.KernelHeight;
        int kernelWidth = shape.KernelWidth;
        int dilationWidth = shape.DilationWidth;
        for (int r = 0; r < rows; r++)
        {
            int pixel = firstPixel + r;
            int oh = pixel / shape.OutputWidth;
            int ow = pixel - (oh * shape.OutputWidth);
            int ih0 = (oh * shape.StrideHeight) - shape.PadTop;
            int iw0 = (ow * shape.StrideWidth) - shape.PadLeft;
            bool rowInside = dilationWidth == 1 && iw0 >= 0 && iw0 + kernelWidth <= width;
            Span<byte> target = columns.Slice(r * k, k);
            int t = 0;
            for (int ic = 0; ic < shape.ChannelsPerGroup; ic++)
            {
                ReadOnlySpan<byte> plane = groupInput.Slice(ic * height * width, height * width);
                for (int kh = 0; kh < kernelHeight; kh++, t += kernelWidth)
                {
                    int ih = ih0 + (kh * shape.DilationHeight);
                    Span<byte> patchRow = target.Slice(t, kernelWidth);
                    if ((uint)ih >= (uint)height)
                    {
                        patchRow.Fill(zeroPoint);
                        continue;
                    }

                    ReadOnlySpan<byte> inputRow = plane.Slice(ih * width, width);
                    if (rowInside)
                    {
                        inputRow.Slice(iw0, kernelWidth).CopyTo(patchRow);
                        continue;
                    }

                    for (int kw = 0; kw < kernelWidth; kw++)
                    {
                        int iw = iw0 + (kw * dilationWidth);
                        patchRow[kw] = (uint)iw < (uint)width ? inputRow[iw] : zeroPoint;
                    }
                }
            }
        }
    }
}
