using System.Runtime.CompilerServices;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// The core of ONNX QLinearConv (opset 10) on u8 activations and s8 weights over NCHW:
/// y = clamp(requantize(Σ (x - x_zero_point) · (w - w_zero_point[m]) + B[m]) + y_zero_point), where padding positions
/// count as x = x_zero_point (zero in real terms), the int32 sum wraps, and B is the optional int32 bias (scale
/// x_scale · w_scale[m], zero point 0).
/// </summary>
/// <remarks>
/// <para>General path: per image and group, im2col (<c>C / group · kH · kW</c> bytes per output pixel, in chunks) and
/// the packed <see cref="QGemm"/> with A = the patches (rows = output pixels) and B = the group's weights transposed
/// (K x M / group), packed once here; tiles are biased, requantized and written back to NCHW by the sink. A 1x1
/// convolution with stride 1 and no padding skips the patch gathering: its GEMM operand is the input transposed.
/// Depthwise path (group = C = M): a direct kernel, no im2col, bit-identical to the general path.</para>
/// <para>Weights must lie in [-127, 127], as for <see cref="QGemmPackedWeights"/>: symmetric int8 quantization never
/// produces -128. int8 activations and uint8 weights (also allowed by QLinearConv) are not supported here.</para>
/// <para>Immutable after construction; <see cref="Run"/> allocates nothing (the caller passes the scratch) and may
/// be called from several threads at once, each with its own scratch.</para>
/// </remarks>
public sealed class QConv
{
    // About 32 KiB of patches per GEMM call keeps them in L1/L2 while the panels stream past; a multiple of 12 rows
    // fills whole tiles of every micro-kernel (1, 2, 4 or 6 rows).
    private const int ChunkBytes = 32 * 1024;
    private const int ChunkRowMultiple = 12;

    private readonly QGemm _gemm;
    private readonly QGemmPackedWeights[] _packed;
    private readonly int[] _depthwiseWeights;
    private readonly int[] _bias;
    private readonly int _chunkRows;

    /// <summary>Validates and packs the weights.</summary>
    /// <param name="shape">The convolution's geometry.</param>
    /// <param name="weights">OIHW weights: [M, C / group, kH, kW], each in [-127, 127].</param>
    /// <param name="weightZeroPoints">One zero point (per tensor) or M (per output channel), QLinearConv's w_zero_point.</param>
    /// <param name="bias">Empty (no bias) or M int32 values, QLinearConv's optional input B.</param>
    /// <param name="gemm">The GEMM the general path runs on (its kernel set).</param>
    /// <exception cref="ArgumentException">A length does not match the shape, or a weight is -128.</exception>
    public QConv(QConvShape shape, ReadOnlySpan<sbyte> weights, ReadOnlySpan<sbyte> weightZeroPoints, ReadOnlySpan<int> bias, QGemm gemm)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(gemm);
        int m = shape.OutputChannels;
        int k = shape.KernelSize;
        if ((long)m * k != weights.Length)
        {
            throw new ArgumentException(
                $"Weights hold {weights.Length} values but [M, C / group, kH, kW] = [{m}, {shape.ChannelsPerGroup}, {shape.KernelHeight}, {shape.KernelWidth}] is {(long)m * k}.",
                nameof(weights));
        }

        if (weightZeroPoints.Length != 1 && weightZeroPoints.Length != m)
        {
            throw new ArgumentException($"Expected 1 (per tensor) or {m} (per output channel) weight zero points, got {weightZeroPoints.Length}.", nameof(weightZeroPoints));
        }

        if (!bias.IsEmpty && bias.Length != m)
        {
            throw new ArgumentException($"Bias holds {bias.Length} values; expected none or M = {m}.", nameof(bias));
        }

        int bad = weights.IndexOf(sbyte.MinValue);
        if (bad >= 0)
        {
            int taps = shape.KernelHeight * shape.KernelWidth;
            throw new ArgumentException(
                $"Weight [{bad / k}, {bad % k / taps}, {bad % taps / shape.KernelWidth}, {bad % shape.KernelWidth}] (OIHW) is -128; "
                + "quantized convolution weights must lie in [-127, 127] (symmetric int8 quantization).",
                nameof(weights));
        }

        Shape = shape;
        _gemm = gemm;
        _bias = bias.ToArray();
        if (shape.IsDepthwise)
        {
            _packed = [];
            _depthwiseWeights = new int[weights.Length];
            for (int i = 0; i < weights.Length; i++)
            {
                int channel = i / k;
                _depthwiseWeights[i] = weights[i] - weightZeroPoints[weightZeroPoints.Length == 1 ? 0 : channel];
            }

            return;
        }

        _depthwiseWeights = [];
        int groupChannels = shape.OutputChannelsPerGroup;
        _packed = new QGemmPackedWeights[shape.Group];
        var transposed = new sbyte[k * groupChannels];
        for (int g = 0; g < shape.Group; g++)
        {
            // B[k, j] = W[g · M/group + j, k]: the group's filters as columns.
            ReadOnlySpan<sbyte> groupWeights = weights.Slice(g * groupChannels * k, groupChannels * k);
            for (int j = 0; j < groupChannels; j++)
            {
                for (int kk = 0; kk < k; kk++)
                {
                    transposed[(kk * groupChannels) + j] = groupWeights[(j * k) + kk];
                }
            }

            ReadOnlySpan<sbyte> zeroPoints = weightZeroPoints.Length == 1 ? weightZeroPoints : weightZeroPoints.Slice(g * groupChannels, groupChannels);
            _packed[g] = QGemmPackedWeights.Pack(transposed, k, groupChannels, zeroPoints);
        }

        int pixels = shape.OutputHeight * shape.OutputWidth;
        int rows = Math.Max(ChunkRowMultiple, ChunkBytes / k / ChunkRowMultiple * ChunkRowMultiple);
        _chunkRows = Math.Min(rows, pixels);
    }

    /// <summary>The convolution's geometry.</summary>
    public QConvShape Shape { get; }

    /// <summary>Whether <see cref="Run"/> takes the direct depthwise path (group = C = M).</summary>
    public bool IsDepthwise => Shape.IsDepthwise;

    /// <summary>Bytes of scratch one <see cref="Run"/> needs (0 for depthwise; otherwise one chunk of im2col rows).</summary>
    public int ScratchBytes => IsDepthwise ? 0 : _chunkRows * Shape.KernelSize;

    /// <summary>Runs the convolution on <paramref name="batch"/> images.</summary>
    /// <param name="input">batch · C · H · W u8 activations (NCHW).</param>
    /// <param name="batch">Images, at least 0.</param>
    /// <param name="inputZeroPoint">x_zero_point.</param>
    /// <param name="output">Requantization with multiplier x_scale · w_scale[m] / y_scale (1 or M channels), y_zero_point and
    /// the output range: inside [0, 255] for a uint8 output, inside [-128, 127] (Min &lt; 0) for an int8 output.</param>
    /// <param name="destination">batch · M · OH · OW bytes (NCHW); int8 outputs as two's-complement bytes.</param>
    /// <param name="scratch">At least <see cref="ScratchBytes"/> bytes, used only during the call.</param>
    /// <exception cref="ArgumentException">A length does not match, the scratch is too small, or the requantization's
    /// channels or range do not fit.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(ReadOnlySpan<byte> input, int batch, byte inputZeroPoint, Requantization output, Span<byte> destination, Span<byte> scratch)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        QConvShape shape = Shape;
        if ((long)batch * shape.InputSize != input.Length)
        {
            throw new ArgumentException($"Input holds {input.Length} values but batch x C x H x W = {batch} x {shape.Channels} x {shape.Height} x {shape.Width}.", nameof(input));
        }

        if ((long)batch * shape.OutputSize != destination.Length)
        {
            throw new ArgumentException(
                $"Destination holds {destination.Length} values but batch x M x OH x OW = {batch} x {shape.OutputChannels} x {shape.OutputHeight} x {shape.OutputWidth}.",
                nameof(destination));
        }

        if (scratch.Length < ScratchBytes)
        {
            throw new ArgumentException($"Scratch holds {scratch.Length} bytes; this convolution needs {ScratchBytes}.", nameof(scratch));
        }

        if (output.Channels != 1 && output.Channels != shape.OutputChannels)
        {
            throw new ArgumentException($"Requantization has {output.Channels} channels; expected 1 or M = {shape.OutputChannels}.", nameof(output));
        }

        bool signed = output.Min < 0;
        if (signed ? output.Min < sbyte.MinValue || output.Max > sbyte.MaxValue : output.Max > byte.MaxValue)
        {
            throw new ArgumentException($"Requantization range [{output.Min}, {output.Max}] fits neither [0, 255] nor [-128, 127].", nameof(output));
        }

        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<byte> image = input.Slice(n * shape.InputSize, shape.InputSize);
            Span<byte> result = destination.Slice(n * shape.OutputSize, shape.OutputSize);
            if (IsDepthwise)
            {
                DepthwiseConvKernel.Run(image, shape, inputZeroPoint, _depthwiseWeights, _bias, output, result);
            }
            else
            {
                General(image, inputZeroPoint, output, result, scratch);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void General(ReadOnlySpan<byte> image, byte zeroPoint, Requantization output, Span<byte> result, Span<byte> scratch)
    {
        QConvShape shape = Shape;
        int k = shape.KernelSize;
        int pixels = shape.OutputHeight * shape.OutputWidth;
        int groupInput = shape.ChannelsPerGroup * shape.Height * shape.Width;
        for (int g = 0; g < shape.Group; g++)
        {
            ReadOnlySpan<byte> groupImage = image.Slice(g * groupInput, groupInput);
            for (int first = 0; first < pixels; first += _chunkRows)
            {
                int rows = Math.Min(_chunkRows, pixels - first);
                Span<byte> patches = scratch[..(rows * k)];
                Im2Col.Pack(groupImage, shape, first, rows, zeroPoint, patches);
                var sink = new ConvOutputTileSink(result, pixels, first, g * shape.OutputChannelsPerGroup, output, _bias);
                _gemm.Run(patches, rows, zeroPoint, _packed[g], ref sink);
            }
        }
    }
}
