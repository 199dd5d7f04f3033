using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>Bad geometry, weights and buffers get an ArgumentException whose message says what is wrong.</summary>
public sealed class QConvValidationTests
{
    [Theory]
    [InlineData(6, 4, "Group 4 must divide")]
    [InlineData(4, 3, "Group 3 must divide")]
    [InlineData(4, 0, "Group is 0")]
    public void Create_GroupNotDividingChannels_Throws(int channels, int group, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => QConvShape.Create(channels, 5, 5, 8, 3, 3, group));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OutputChannelsNotDivisibleByGroup_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => QConvShape.Create(4, 5, 5, 6, 3, 3, group: 4));
        Assert.Contains("output channels (6)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_KernelLargerThanPaddedInput_ThrowsEmptyOutput()
    {
        var error = Assert.Throws<ArgumentException>(() => QConvShape.Create(1, 2, 8, 1, 3, 3));
        Assert.Contains("Height", error.Message, StringComparison.Ordinal);
        Assert.Contains("output would be empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DilatedKernelLargerThanInput_ThrowsEmptyOutput()
    {
        var error = Assert.Throws<ArgumentException>(() => QConvShape.Create1D(1, 4, 1, 3, dilation: 2));
        Assert.Contains("Width", error.Message, StringComparison.Ordinal);
        Assert.Contains("dilated kernel 5", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, 0, "stride is 0")]
    [InlineData(1, 0, 0, "dilation is 0")]
    [InlineData(1, 1, -1, "must not be negative")]
    public void Create_BadStrideDilationOrPad_Throws(int stride, int dilation, int pad, string message)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            QConvShape.Create(2, 6, 6, 2, 3, 3, strideWidth: stride, dilationWidth: dilation, padRight: pad));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ZeroChannels_Throws() =>
        Assert.Throws<ArgumentException>(() => QConvShape.Create(0, 6, 6, 2, 3, 3));

    /// <summary>ONNX Conv's output size: floor((H + pads - dilation · (k - 1) - 1) / stride) + 1.</summary>
    [Theory]
    [InlineData(224, 7, 2, 1, 3, 3, 112)]
    [InlineData(5, 3, 1, 1, 0, 0, 3)]
    [InlineData(5, 3, 2, 1, 1, 0, 2)]
    [InlineData(10, 3, 1, 2, 0, 1, 7)]
    [InlineData(1, 1, 5, 1, 0, 0, 1)]
    public void Create_ValidGeometry_OutputSizeFollowsOnnx(int size, int kernel, int stride, int dilation, int padBegin, int padEnd, int expected)
    {
        var shape = QConvShape.Create(1, size, size, 1, kernel, kernel, 1, stride, stride, dilation, dilation, padBegin, padBegin, padEnd, padEnd);
        Assert.Equal(expected, shape.OutputHeight);
        Assert.Equal(expected, shape.OutputWidth);
    }

    [Fact]
    public void Create1D_IsOneRowTall()
    {
        var shape = QConvShape.Create1D(4, 50, 8, 5, group: 2, stride: 2, dilation: 1, padBegin: 2, padEnd: 1);
        Assert.Equal((1, 1, 1, 25), (shape.Height, shape.KernelHeight, shape.OutputHeight, shape.OutputWidth));
        Assert.Equal(2 * 5, shape.KernelSize);
    }

    [Fact]
    public void Constructor_WeightMinus128_ThrowsNamingOihwIndex()
    {
        var shape = QConvShape.Create(2, 4, 4, 3, 2, 2);
        var weights = new sbyte[3 * 2 * 2 * 2];
        weights[(((2 * 2) + 1) * 4) + (1 * 2) + 0] = -128; // [2, 1, 1, 0]
        var error = Assert.Throws<ArgumentException>(() => new QConv(shape, weights, [0], [], QGemm.Default));
        Assert.Contains("Weight [2, 1, 1, 0] (OIHW) is -128", error.Message, StringComparison.Ordinal);
        Assert.Contains("[-127, 127]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WrongWeightCount_Throws()
    {
        var shape = QConvShape.Create(2, 4, 4, 3, 2, 2);
        var error = Assert.Throws<ArgumentException>(() => new QConv(shape, new sbyte[23], [0], [], QGemm.Default));
        Assert.Contains("[3, 2, 2, 2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WrongZeroPointOrBiasCount_Throws()
    {
        var shape = QConvShape.Create(2, 4, 4, 3, 2, 2);
        Assert.Throws<ArgumentException>(() => new QConv(shape, new sbyte[24], [0, 0], [], QGemm.Default));
        Assert.Throws<ArgumentException>(() => new QConv(shape, new sbyte[24], [0], [1, 2], QGemm.Default));
    }

    [Fact]
    public void Run_WrongBuffers_ThrowAndLeaveOutput()
    {
        var shape = QConvShape.Create(2, 4, 4, 3, 2, 2);
        var conv = new QConv(shape, new sbyte[24], [0], [], QGemm.Default);
        var q = Requantization.PerTensor(0.1, 0, 0, 255);
        var output = Enumerable.Repeat((byte)9, 27).ToArray();
        Assert.Throws<ArgumentException>(() => conv.Run(new byte[31], 1, 0, q, output, new byte[conv.ScratchBytes]));
        Assert.Throws<ArgumentException>(() => conv.Run(new byte[32], 1, 0, q, new byte[26], new byte[conv.ScratchBytes]));
        var scratchError = Assert.Throws<ArgumentException>(() => conv.Run(new byte[32], 1, 0, q, output, new byte[conv.ScratchBytes - 1]));
        Assert.Contains("Scratch", scratchError.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => conv.Run(new byte[32], 1, 0, Requantization.PerChannel([0.1, 0.2], 0, 0, 255), output, new byte[conv.ScratchBytes]));
        Assert.Throws<ArgumentException>(() => conv.Run(new byte[32], 1, 0, Requantization.PerTensor(0.1, 0, -128, 200), output, new byte[conv.ScratchBytes]));
        Assert.All(output, v => Assert.Equal(9, v));
    }

    /// <summary>
    /// A hand-computed 3x3 input, 2x2 kernel of ones, pad 1 on the left only: the padded column contributes nothing
    /// (x = x_zero_point), bias 1, multiplier 1, so each output is the window's sum of (x - 1) plus 1.
    /// </summary>
    [Fact]
    public void Run_HandComputedExample_MatchesByHand()
    {
        var shape = QConvShape.Create(1, 3, 3, 1, 2, 2, padLeft: 1);
        var conv = new QConv(shape, [1, 1, 1, 1], [0], [1], QGemm.Default);
        byte[] input = [2, 3, 4, 5, 6, 7, 8, 9, 10]; // x - 1 = [1 2 3; 4 5 6; 7 8 9]
        var output = new byte[2 * 3];
        conv.Run(input, 1, 1, Requantization.PerTensor(1.0, 0, 0, 255), output, new byte[conv.ScratchBytes]);
        // Row 0: [0+1+0+4, 1+2+4+5, 2+3+5+6] + 1; row 1: [0+4+0+7, 4+5+7+8, 5+6+8+9] + 1.
        Assert.Equal(new byte[] { 6, 13, 17, 12, 25, 29 }, output);
    }

    [Fact]
    public void Depthwise_ReportsPathAndNeedsNoScratch()
    {
        var conv = new QConv(QConvShape.Create(4, 5, 5, 4, 3, 3, group: 4), new sbyte[36], [0], [], QGemm.Default);
        Assert.True(conv.IsDepthwise);
        Assert.Equal(0, conv.ScratchBytes);
        Assert.False(new QConv(QConvShape.Create(4, 5, 5, 8, 3, 3, group: 4), new sbyte[72], [0], [], QGemm.Default).IsDepthwise);
    }
}
