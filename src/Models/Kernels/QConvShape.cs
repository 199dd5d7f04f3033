namespace EdgeAi.Models.Kernels;

/// <summary>
/// The geometry of a 2-D convolution over NCHW tensors with OIHW weights, as ONNX Conv / QLinearConv define it
/// (attributes group, kernel_shape, strides, dilations, pads = [top, left, bottom, right]). A 1-D convolution is
/// Height 1 and KernelHeight 1 (see <see cref="Create1D"/>).
/// </summary>
/// <remarks>
/// Built only through the validating factories, so every instance describes a convolution with a non-empty
/// output. Immutable; auto_pad is not modelled (the caller resolves SAME_UPPER / SAME_LOWER into explicit pads).
/// </remarks>
public sealed class QConvShape
{
    private QConvShape(
        int channels, int height, int width, int outputChannels, int group, int kernelHeight, int kernelWidth,
        int strideHeight, int strideWidth, int dilationHeight, int dilationWidth, int padTop, int padLeft, int padBottom, int padRight)
    {
        Channels = channels;
        Height = height;
        Width = width;
        OutputChannels = outputChannels;
        Group = group;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        DilationHeight = dilationHeight;
        DilationWidth = dilationWidth;
        PadTop = padTop;
        PadLeft = padLeft;
        PadBottom = padBottom;
        PadRight = padRight;
        OutputHeight = (int)ConvGeometry.OutputSize(height, kernelHeight, strideHeight, dilationHeight, padTop, padBottom);
        OutputWidth = (int)ConvGeometry.OutputSize(width, kernelWidth, strideWidth, dilationWidth, padLeft, padRight);
    }

    /// <summary>Input channels C.</summary>
    public int Channels { get; }

    /// <summary>Input height H (1 for a 1-D convolution).</summary>
    public int Height { get; }

    /// <summary>Input width W.</summary>
    public int Width { get; }

    /// <summary>Output channels M (the weights' first dimension).</summary>
    public int OutputChannels { get; }

    /// <summary>Groups: input and output channels are split into this many independent convolutions.</summary>
    public int Group { get; }

    /// <summary>Kernel height kH.</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel width kW.</summary>
    public int KernelWidth { get; }

    /// <summary>Vertical stride.</summary>
    public int StrideHeight { get; }

    /// <summary>Horizontal stride.</summary>
    public int StrideWidth { get; }

    /// <summary>Vertical dilation.</summary>
    public int DilationHeight { get; }

    /// <summary>Horizontal dilation.</summary>
    public int DilationWidth { get; }

    /// <summary>Padding rows above the input.</summary>
    public int PadTop { get; }

    /// <summary>Padding columns left of the input.</summary>
    public int PadLeft { get; }

    /// <summary>Padding rows below the input.</summary>
    public int PadBottom { get; }

    /// <summary>Padding columns right of the input.</summary>
    public int PadRight { get; }

    /// <summary>Output height: floor((H + PadTop + PadBottom - DilationHeight · (KernelHeight - 1) - 1) / StrideHeight) + 1.</summary>
    public int OutputHeight { get; }

    /// <summary>Output width: floor((W + PadLeft + PadRight - DilationWidth · (KernelWidth - 1) - 1) / StrideWidth) + 1.</summary>
    public int OutputWidth { get; }

    /// <summary>Input channels per group, C / Group (the weights' second dimension).</summary>
    public int ChannelsPerGroup => Channels / Group;

    /// <summary>Output channels per group, M / Group.</summary>
    public int OutputChannelsPerGroup => OutputChannels / Group;

    /// <summary>Weights per output channel, the GEMM depth: C / Group · kH · kW.</summary>
    public int KernelSize => ChannelsPerGroup * KernelHeight * KernelWidth;

    /// <summary>Values of one input image, C · H · W.</summary>
    public int InputSize => Channels * Height * Width;

    /// <summary>Values of one output image, M · OH · OW.</summary>
    public int OutputSize => OutputChannels * OutputHeight * OutputWidth;

    /// <summary>Whether this is a depthwise convolution with channel multiplier 1 (Group = C = M).</summary>
    public bool IsDepthwise => Group == Channels && OutputChannels == Channels;

    /// <summary>Validates and creates a 2-D convolution shape.</summary>
    /// <param name="channels">Input channels C, at least 1.</param>
    /// <param name="height">Input height H, at least 1.</param>
    /// <param name="width">Input width W, at least 1.</param>
    /// <param name="outputChannels">Output channels M, at least 1.</param>
    /// <param name="kernelHeight">Kernel height, at least 1.</param>
    /// <param name="kernelWidth">Kernel width, at least 1.</param>
    /// <param name="group">Groups, at least 1, dividing both C and M (ONNX Conv's group attribute).</param>
    /// <param name="strideHeight">Vertical stride, at least 1.</param>
    /// <param name="strideWidth">Horizontal stride, at least 1.</param>
    /// <param name="dilationHeight">Vertical dilation, at least 1.</param>
    /// <param name="dilationWidth">Horizontal dilation, at least 1.</param>
    /// <param name="padTop">Rows of padding above, not negative.</param>
    /// <param name="padLeft">Columns of padding left, not negative.</param>
    /// <param name="padBottom">Rows of padding below, not negative.</param>
    /// <param name="padRight">Columns of padding right, not negative.</param>
    /// <exception cref="ArgumentException">A size is not positive, a stride or dilation is below 1, a pad is negative, the
    /// groups do not divide the channels, the output would be empty, or a tensor would exceed int.MaxValue elements.</exception>
    public static QConvShape Create(
        int channels, int height, int width, int outputChannels, int kernelHeight, int kernelWidth, int group = 1,
        int strideHeight = 1, int strideWidth = 1, int dilationHeight = 1, int dilationWidth = 1,
        int padTop = 0, int padLeft = 0, int padBottom = 0, int padRight = 0)
    {
        if (channels < 1 || outputChannels < 1)
        {
            throw new ArgumentException($"Channels ({channels}) and output channels ({outputChannels}) must be at least 1.", nameof(channels));
        }

        if (group < 1)
        {
            throw new ArgumentException($"Group is {group}; it must be at least 1.", nameof(group));
        }

        if (channels % group != 0 || outputChannels % group != 0)
        {
            throw new ArgumentException(
                $"Group {group} must divide both the input channels ({channels}) and the output channels ({outputChannels}).", nameof(group));
        }

        ConvGeometry.ValidateAxis("Height", height, kernelHeight, strideHeight, dilationHeight, padTop, padBottom);
        ConvGeometry.ValidateAxis("Width", width, kernelWidth, strideWidth, dilationWidth, padLeft, padRight);
        var shape = new QConvShape(
            channels, height, width, outputChannels, group, kernelHeight, kernelWidth,
            strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft, padBottom, padRight);

        long outputPixels = (long)shape.OutputHeight * shape.OutputWidth;
        if ((long)channels * height * width > int.MaxValue
            || outputPixels * outputChannels > int.MaxValue
            || (long)shape.ChannelsPerGroup * kernelHeight * kernelWidth > int.MaxValue
            || outputPixels * shape.ChannelsPerGroup * kernelHeight * kernelWidth > int.MaxValue)
        {
            throw new ArgumentException("The input, output, weights or im2col matrix of one image would exceed int.MaxValue elements.", nameof(channels));
        }

        return shape;
    }

    /// <summary>Validates and creates a 1-D convolution over NCW (Height 1, KernelHeight 1, no vertical stride, dilation or padding).</summary>
    /// <param name="channels">Input channels C.</param>
    /// <param name="length">Input length W.</param>
    /// <param name="outputChannels">Output channels M.</param>
    /// <param name="kernel">Kernel length.</param>
    /// <param name="group">Groups, dividing C and M.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="padBegin">Padding before the input.</param>
    /// <param name="padEnd">Padding after the input.</param>
    /// <exception cref="ArgumentException">As for <see cref="Create"/>.</exception>
    public static QConvShape Create1D(
        int channels, int length, int outputChannels, int kernel, int group = 1, int stride = 1, int dilation = 1, int padBegin = 0, int padEnd = 0) =>
        Create(channels, 1, length, outputChannels, 1, kernel, group, 1, stride, 1, dilation, 0, padBegin, 0, padEnd);

    /// <summary>A one-line description for logs and error messages.</summary>
    public override string ToString() =>
        $"C={Channels} H={Height} W={Width} M={OutputChannels} group={Group} kernel={KernelHeight}x{KernelWidth} " +
        $"strides={StrideHeight},{StrideWidth} dilations={DilationHeight},{DilationWidth} pads={PadTop},{PadLeft},{PadBottom},{PadRight} " +
        $"output={OutputHeight}x{OutputWidth}";
}
