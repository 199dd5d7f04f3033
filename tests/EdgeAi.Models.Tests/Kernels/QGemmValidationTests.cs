using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>Bad shapes and weights get a clear exception and leave the output untouched.</summary>
public sealed class QGemmValidationTests
{
    [Fact]
    public void Pack_WeightMinus128_ThrowsNamingRowAndColumn()
    {
        var weights = new sbyte[] { 1, 2, 3, 4, -128, 6 };
        var error = Assert.Throws<ArgumentException>(() => QGemmPackedWeights.Pack(weights, 2, 3, [0]));
        Assert.Contains("row 1, column 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_WrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => QGemmPackedWeights.Pack(new sbyte[5], 2, 3, [0]));

    [Fact]
    public void Pack_WrongZeroPointCount_Throws() =>
        Assert.Throws<ArgumentException>(() => QGemmPackedWeights.Pack(new sbyte[6], 2, 3, [0, 0]));

    [Fact]
    public void Multiply_WrongActivationLength_ThrowsAndLeavesOutput()
    {
        var packed = QGemmPackedWeights.Pack(new sbyte[6], 2, 3, [0]);
        var c = new[] { 7, 7, 7, 7, 7, 7 };
        var error = Assert.Throws<ArgumentException>(() => QGemm.Default.Multiply(new byte[3], 2, 0, packed, c));
        Assert.Contains("M x K = 2 x 2", error.Message, StringComparison.Ordinal);
        Assert.All(c, v => Assert.Equal(7, v));
    }

    [Fact]
    public void Multiply_WrongOutputLength_Throws()
    {
        var packed = QGemmPackedWeights.Pack(new sbyte[6], 2, 3, [0]);
        Assert.Throws<ArgumentException>(() => QGemm.Default.Multiply(new byte[4], 2, 0, packed, new int[5]));
    }

    [Fact]
    public void Multiply_RequantizationChannelsMismatch_ThrowsAndLeavesOutput()
    {
        var packed = QGemmPackedWeights.Pack(new sbyte[6], 2, 3, [0]);
        var q = Requantization.PerChannel([0.1, 0.2], 0, 0, 255);
        var c = new byte[] { 9, 9, 9 };
        Assert.Throws<ArgumentException>(() => QGemm.Default.Multiply(new byte[2], 1, 0, packed, q, c));
        Assert.All(c, v => Assert.Equal(9, v));
    }

    [Fact]
    public void Multiply_BiasLengthNotN_ThrowsAndLeavesOutput()
    {
        var packed = QGemmPackedWeights.Pack(new sbyte[6], 2, 3, [0]);
        var q = Requantization.PerTensor(0.1, 0, 0, 255);
        var c = new byte[] { 9, 9, 9 };
        var error = Assert.Throws<ArgumentException>(() => QGemm.Default.Multiply(new byte[2], 1, 0, packed, [1, 2], q, c));
        Assert.Contains("expected none or N = 3", error.Message, StringComparison.Ordinal);
        Assert.All(c, v => Assert.Equal(9, v));
    }

    /// <summary>Bias is added to the accumulator before requantization: (1·2 + 10) · 0.5 = 6, + zero point 3 = 9.</summary>
    [Fact]
    public void Multiply_WithBias_AddsBeforeRequantization()
    {
        var packed = QGemmPackedWeights.Pack([2], 1, 1, [0]);
        var q = Requantization.PerTensor(0.5, 3, -128, 127);
        var c = new sbyte[1];
        QGemm.Default.Multiply([1], 1, 0, packed, [10], q, c);
        Assert.Equal(9, c[0]);
    }

    [Fact]
    public void Multiply_SignedRangeIntoUnsignedOutput_Throws()
    {
        var packed = QGemmPackedWeights.Pack(new sbyte[6], 2, 3, [0]);
        var q = Requantization.PerTensor(0.1, 0, -128, 127);
        Assert.Throws<ArgumentException>(() => QGemm.Default.Multiply(new byte[2], 1, 0, packed, q, new byte[3]));
    }

    /// <summary>A hand-computed 2x3 example so the reference itself is anchored to arithmetic, not only to other code.</summary>
    [Fact]
    public void Multiply_HandComputedExample_MatchesByHand()
    {
        // A = [[1, 2], [3, 4]] - 1;  B = [[1, -1, 2], [0, 3, -2]] - [0, 1, -1] per column.
        var packed = QGemmPackedWeights.Pack([1, -1, 2, 0, 3, -2], 2, 3, [0, 1, -1]);
        var c = new int[6];
        QGemm.Default.Multiply([1, 2, 3, 4], 2, 1, packed, c);
        // (A-1) = [[0,1],[2,3]]; (B-zb) = [[1,-2,3],[0,2,-1]]
        Assert.Equal(new[] { 0, 2, -1, 2, 2, 3 }, c);
    }
}
