using CsCheck;
using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>
/// Bit-exactness of <see cref="QConv"/> (general im2col + GEMM path on every kernel set, and the direct depthwise path)
/// against <see cref="QConvReference"/>. Plain code, shared by the xUnit project and the linux-arm64 emulated check app.
/// </summary>
public static class QConvProperties
{
    /// <summary>
    /// General shapes: 1-D and 2-D, odd sizes, 1 to 3 groups, strides up to 3, dilations up to 2, asymmetric pads up
    /// to 2, K = C/group · kH · kW often not a multiple of 4, M = 1 and M over a panel (16), batch 1 to 3; and, as
    /// often, pointwise ones (1x1, stride 1, no padding: the transposed-input path).
    /// </summary>
    public static Gen<QConvShape> GeneralShapes => Gen.OneOf(AnyShapes, PointwiseShapes);

    /// <summary>1x1 convolutions with stride 1 and no padding, 1-D and 2-D, with groups and up to 40 channels per group.</summary>
    public static Gen<QConvShape> PointwiseShapes =>
        from twoD in Gen.Bool
        from groups in Gen.OneOf(Gen.Const(1), Gen.Int[1, 3])
        from channelsPerGroup in Gen.Int[1, 40]
        from outputsPerGroup in Gen.OneOf(Gen.Const(1), Gen.Int[1, 20])
        from height in twoD ? Gen.Int[1, 9] : Gen.Const(1)
        from width in Gen.Int[1, 13]
        select QConvShape.Create(groups * channelsPerGroup, height, width, groups * outputsPerGroup, 1, 1, groups);

    private static Gen<QConvShape> AnyShapes =>
        from twoD in Gen.Bool
        from groups in Gen.OneOf(Gen.Const(1), Gen.Int[1, 3])
        from channelsPerGroup in Gen.Int[1, 5]
        from outputsPerGroup in Gen.OneOf(Gen.Const(1), Gen.Int[1, 6], Gen.Int[15, 19])
        from kernelHeight in twoD ? Gen.Int[1, 3] : Gen.Const(1)
        from kernelWidth in Gen.Int[1, 5]
        from strideHeight in twoD ? Gen.Int[1, 3] : Gen.Const(1)
        from strideWidth in Gen.Int[1, 3]
        from dilationHeight in twoD ? Gen.Int[1, 2] : Gen.Const(1)
        from dilationWidth in Gen.Int[1, 2]
        from padTop in twoD ? Gen.Int[0, 2] : Gen.Const(0)
        from padBottom in twoD ? Gen.Int[0, 2] : Gen.Const(0)
        from padLeft in Gen.Int[0, 2]
        from padRight in Gen.Int[0, 2]
        from extraHeight in twoD ? Gen.Int[0, 7] : Gen.Const(0)
        from extraWidth in Gen.Int[0, 11]
        select QConvShape.Create(
            groups * channelsPerGroup,
            MinimumInput(kernelHeight, dilationHeight, padTop + padBottom) + extraHeight,
            MinimumInput(kernelWidth, dilationWidth, padLeft + padRight) + extraWidth,
            groups * outputsPerGroup,
            kernelHeight,
            kernelWidth,
            groups,
            strideHeight,
            strideWidth,
            dilationHeight,
            dilationWidth,
            padTop,
            padLeft,
            padBottom,
            padRight);

    /// <summary>
    /// Depthwise shapes (group = C = M): widths up to about 70 so stride-1 and stride-2 rows have vector blocks and
    /// scalar tails on both sides, 1-D and 2-D, strides up to 3, dilations and asymmetric pads.
    /// </summary>
    public static Gen<QConvShape> DepthwiseShapes =>
        from twoD in Gen.Bool
        from channels in Gen.Int[1, 9]
        from kernelHeight in twoD ? Gen.Int[1, 5] : Gen.Const(1)
        from kernelWidth in Gen.Int[1, 5]
        from strideHeight in twoD ? Gen.Int[1, 2] : Gen.Const(1)
        from strideWidth in Gen.OneOf(Gen.Const(1), Gen.Int[1, 3])
        from dilationHeight in twoD ? Gen.Int[1, 2] : Gen.Const(1)
        from dilationWidth in Gen.Int[1, 2]
        from padTop in twoD ? Gen.Int[0, 2] : Gen.Const(0)
        from padBottom in twoD ? Gen.Int[0, 2] : Gen.Const(0)
        from padLeft in Gen.Int[0, 3]
        from padRight in Gen.Int[0, 3]
        from extraHeight in twoD ? Gen.Int[0, 6] : Gen.Const(0)
        from extraWidth in Gen.OneOf(Gen.Int[0, 12], Gen.Int[13, 60])
        select QConvShape.Create(
            channels,
            MinimumInput(kernelHeight, dilationHeight, padTop + padBottom) + extraHeight,
            MinimumInput(kernelWidth, dilationWidth, padLeft + padRight) + extraWidth,
            channels,
            kernelHeight,
            kernelWidth,
            channels,
            strideHeight,
            strideWidth,
            dilationHeight,
            dilationWidth,
            padTop,
            padLeft,
            padBottom,
            padRight);

    /// <summary>Random values for a shape: extremes mixed in, per-tensor or per-channel zero points and multipliers, bias empty, small or anywhere in int32.</summary>
    public static Gen<QConvCase> Cases(Gen<QConvShape> shapes) =>
        from shape in shapes
        from batch in Gen.OneOf(Gen.Const(1), Gen.Int[1, 3])
        from input in Gen.OneOf(Gen.Byte, Gen.Byte[0, 1], Gen.Byte[254, 255]).Array[batch * shape.InputSize]
        from inputZero in Gen.OneOf(Gen.Byte, Gen.Const((byte)0), Gen.Const((byte)128))
        from weights in Gen.OneOf(Gen.SByte[-127, 127], Gen.SByte[-127, -126], Gen.SByte[126, 127]).Array[shape.OutputChannels * shape.KernelSize]
        from perChannel in Gen.Bool
        from weightZeros in Gen.OneOf(Gen.SByte, Gen.Const((sbyte)0)).Array[perChannel ? shape.OutputChannels : 1]
        from bias in Gen.OneOf(
            Gen.Const(Array.Empty<int>()),
            Gen.Int[-100_000, 100_000].Array[shape.OutputChannels],
            Gen.Int.Array[shape.OutputChannels])
        from multipliers in Gen.Double[1e-6, 0.05].Array[perChannel ? shape.OutputChannels : 1]
        from outputZero in Gen.Int[0, 255]
        select new QConvCase(shape, batch, input, inputZero, weights, weightZeros, bias, multipliers, outputZero);

    /// <summary>General-path convolutions, u8 and s8 outputs, equal the reference on <paramref name="set"/>.</summary>
    public static void GeneralMatchesReference(KernelSet set, long iterations, int threads = -1) =>
        MatchesReference(set, Cases(GeneralShapes), iterations, threads);

    /// <summary>Depthwise convolutions (the direct kernel), u8 and s8 outputs, equal the reference.</summary>
    public static void DepthwiseMatchesReference(KernelSet set, long iterations, int threads = -1) =>
        MatchesReference(set, Cases(DepthwiseShapes), iterations, threads);

    /// <summary>Bytes allocated on this thread by <paramref name="calls"/> general and depthwise runs after one warm-up run each.</summary>
    public static long AllocatedBytesPerSteadyStateRuns(KernelSet set, int calls)
    {
        var gemm = new QGemm(set);
        var general = QConvShape.Create(6, 9, 11, 10, 3, 3, group: 2, strideWidth: 2, padTop: 1, padLeft: 1, padBottom: 1, padRight: 0);
        var depthwise = QConvShape.Create(5, 8, 21, 5, 3, 3, group: 5, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1);
        var convs = new[] { general, depthwise }.Select(s =>
        {
            var weights = new sbyte[s.OutputChannels * s.KernelSize];
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = (sbyte)((i * 37 % 255) - 127);
            }

            return new QConv(s, weights, [3], Enumerable.Range(0, s.OutputChannels).Select(i => (i * 101) - 200).ToArray(), gemm);
        }).ToArray();

        const int Batch = 2;
        var requantization = Requantization.PerTensor(0.002, 7, 0, 255);
        var buffers = convs.Select(c => (
            Input: Enumerable.Range(0, Batch * c.Shape.InputSize).Select(i => (byte)(i * 13)).ToArray(),
            Output: new byte[Batch * c.Shape.OutputSize],
            Scratch: new byte[c.ScratchBytes])).ToArray();
        for (int j = 0; j < convs.Length; j++)
        {
            convs[j].Run(buffers[j].Input, Batch, 9, requantization, buffers[j].Output, buffers[j].Scratch);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            for (int j = 0; j < convs.Length; j++)
            {
                convs[j].Run(buffers[j].Input, Batch, 9, requantization, buffers[j].Output, buffers[j].Scratch);
            }
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>The smallest input length that gives one output for this kernel, dilation and total padding.</summary>
    private static int MinimumInput(int kernel, int dilation, int pads) => Math.Max(1, (dilation * (kernel - 1)) + 1 - pads);

    private static void MatchesReference(KernelSet set, Gen<QConvCase> cases, long iterations, int threads)
    {
        var gemm = new QGemm(set);
        cases.Sample(
            c =>
            {
                var conv = new QConv(c.Shape, c.Weights, c.WeightZeroPoints, c.Bias, gemm);
                if (conv.IsDepthwise != c.Shape.IsDepthwise)
                {
                    throw new InvalidOperationException($"IsDepthwise is {conv.IsDepthwise}; {c}");
                }

                int[] accumulators = QConvReference.Accumulators(c);
                var scratch = new byte[conv.ScratchBytes];

                var unsigned = Requantization.PerChannel(c.Multipliers, c.OutputZeroPoint, 0, 255);
                var actualU8 = new byte[c.Batch * c.Shape.OutputSize];
                conv.Run(c.Input, c.Batch, c.InputZeroPoint, unsigned, actualU8, scratch);
                AssertEqual(QConvReference.Requantize(accumulators, c.Shape, unsigned), Array.ConvertAll(actualU8, v => (int)v), set, c);

                var signed = Requantization.PerChannel(c.Multipliers, c.OutputZeroPoint - 128, -128, 127);
                var actualS8 = new byte[c.Batch * c.Shape.OutputSize];
                conv.Run(c.Input, c.Batch, c.InputZeroPoint, signed, actualS8, scratch);
                AssertEqual(QConvReference.Requantize(accumulators, c.Shape, signed), Array.ConvertAll(actualS8, v => (int)(sbyte)v), set, c);
            },
            iter: iterations,
            threads: threads);
    }

    private static void AssertEqual(int[] expected, int[] actual, KernelSet set, QConvCase c)
    {
        int plane = c.Shape.OutputHeight * c.Shape.OutputWidth;
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                int image = i / c.Shape.OutputSize;
                int channel = i / plane % c.Shape.OutputChannels;
                int pixel = i % plane;
                throw new InvalidOperationException(
                    $"{KernelSelector.NameOf(set)}: image {image} channel {channel} pixel ({pixel / c.Shape.OutputWidth}, {pixel % c.Shape.OutputWidth}) is {actual[i]}, reference {expected[i]}; {c}");
            }
        }
    }
}
