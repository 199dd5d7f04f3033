namespace EdgeAi.Models.Kernels;

/// <summary>
/// The geometry of a 2-D pooling window over NCHW, as ONNX MaxPool / AveragePool define it (kernel_shape, strides,
/// dilations, pads = [top, left, bottom, right]) with ceil_mode = 0. 1-D pooling is Height 1 and KernelHeight 1.
/// </summary>
/// <remarks>
/// ceil_mode = 1 is not supported: the output size is always floor((H + pads - dilation · (kernel - 1) - 1) / stride) + 1,
/// so an engine must refuse a model that sets it. auto_pad is resolved by the caller into explicit pads. Immutable.
/// </remarks>
public sealed class QPoolShape
{
    private QPoolShape(
        int channels, int height, int width, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
        int dilationHeight, int dilationWidth, int padTop, int padLeft, int padBottom, int padRight)
    {
        Channels = channels;
        Height = height;
        Width = width;
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

    /// <summary>Channels C (pooling keeps them).</summary>
    public int Channels { get; }

    /// <summary>Input height H.</summary>
    public int Height { get; }

    /// <summary>Input width W.</summary>
    public int Width { get; }

    /// <summary>Window height.</summary>
    public int KernelHeight { get; }

    /// <summary>Window width.</summary>
    public int KernelWidth { get; }

    /// <summary>Vertical stride.</summary>
    public int StrideHeight { get; }

    /// <summary>Horizontal stride.</summary>
    public int StrideWidth { get; }

    /// <summary>Vertical dilation.</summary>
    public int DilationHeight { get; }

    /// <summary>Horizontal dilation.</summary>
    public int DilationWidth { get; }

    /// <summary>Padding rows above.</summary>
    public int PadTop { get; }

    /// <summary>Padding columns left.</summary>
    public int PadLeft { get; }

    /// <summary>Padding rows below.</summary>
    public int PadBottom { get; }

    /// <summary>Padding columns right.</summary>
    public int PadRight { get; }

    /// <summary>Output height, floor((H + PadTop + PadBottom - DilationHeight · (KernelHeight - 1) - 1) / StrideHeight) + 1.</summary>
    public int OutputHeight { get; }

    /// <summary>Output width, floor((W + PadLeft + PadRight - DilationWidth · (KernelWidth - 1) - 1) / StrideWidth) + 1.</summary>
    public int OutputWidth { get; }

    /// <summary>Values of one input image, C · H · W.</summary>
    public int InputSize => Channels * Height * Width;

    /// <summary>Values of one output image, C · OH · OW.</summary>
    public int OutputSize => Channels * OutputHeight * OutputWidth;

    /// <summary>Validates and creates a pooling shape.</summary>
    /// <param name="channels">Channels, at least 1.</param>
    /// <param name="height">Input height, at least 1.</param>
    /// <param name="width">Input width, at least 1.</param>
    /// <param name="kernelHeight">Window height, at least 1.</param>
    /// <param name="kernelWidth">Window width, at least 1.</param>
    /// <param name="strideHeight">Vertical stride, at least 1.</param>
    /// <param name="strideWidth">Horizontal stride, at least 1.</param>
    /// <param name="dilationHeight">Vertical dilation, at least 1.</param>
    /// <param name="dilationWidth">Horizontal dilation, at least 1.</param>
    /// <param name="padTop">Rows of padding above, in [0, kernelHeight).</param>
    /// <param name="padLeft">Columns of padding left, in [0, kernelWidth).</param>
    /// <param name="padBottom">Rows of padding below, in [0, kernelHeight).</param>
    /// <param name="padRight">Columns of padding right, in [0, kernelWidth).</param>
    /// <exception cref="ArgumentException">A size, stride or dilation below 1, a pad negative or not smaller than the kernel
    /// (ONNX Runtime's rule for pooling), an empty output, or a tensor over int.MaxValue elements.</exception>
    public static QPoolShape Create(
        int channels, int height, int width, int kernelHeight, int kernelWidth, int strideHeight = 1, int strideWidth = 1,
        int dilationHeight = 1, int dilationWidth = 1, int padTop = 0, int padLeft = 0, int padBottom = 0, int padRight = 0)
    {
        if (channels < 1)
        {
            throw new ArgumentException($"Channels is {channels}; it must be at least 1.", nameof(channels));
        }

        ConvGeometry.ValidateAxis("Height", height, kernelHeight, strideHeight, dilationHeight, padTop, padBottom);
        ConvGeometry.ValidateAxis("Width", width, kernelWidth, strideWidth, dilationWidth, padLeft, padRight);
        if (padTop >= kernelHeight || padBottom >= kernelHeight || padLeft >= kernelWidth || padRight >= kernelWidth)
        {
            throw new ArgumentException(
                $"Pads ({padTop}, {padLeft}, {padBottom}, {padRight}) must be smaller than the kernel {kernelHeight}x{kernelWidth}.", nameof(padTop));
        }

        var shape = new QPoolShape(
            channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft, padBottom, padRight);
        if ((long)channels * height * width > int.MaxValue || (long)channels * shape.OutputHeight * shape.OutputWidth > int.MaxValue)
        {
            throw new ArgumentException("The input or output of one image would exceed int.MaxValue elements.", nameof(channels));
        }

        return shape;
    }

    /// <summary>A one-line description for logs and error messages.</summary>
    public override string ToString() =>
        $"C={Channels} H={Height} W={Width} kernel={KernelHeight}x{KernelWidth} strides={StrideHeight},{StrideWidth} " +
        $"dilations={DilationHeight},{DilationWidth} pads={PadTop},{PadLeft},{PadBottom},{PadRight} output={OutputHeight}x{OutputWidth}";
}
