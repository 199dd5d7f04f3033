using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>Quantized pooling against the reference, a few hand-computed values, and argument checks.</summary>
public sealed class QPoolTests
{
    [Fact]
    public void MaxPool_RandomShapes_MatchesReference() => QPoolProperties.MaxPoolMatchesReference(iterations: 300);

    [Fact]
    public void AveragePool_RandomShapes_MatchesReference() => QPoolProperties.AveragePoolMatchesReference(iterations: 300);

    [Fact]
    public void GlobalAveragePool_RandomShapes_MatchesReference() => QPoolProperties.GlobalAveragePoolMatchesReference(iterations: 300);

    [Fact]
    public void Pools_AfterWarmUp_AllocateNothing() => Assert.Equal(0, QPoolProperties.AllocatedBytesPerSteadyStateCalls(calls: 10));

    /// <summary>count_include_pad decides the divisor at the border: (2 + 4) / 4 = 1.5 → 2 (ties to even) versus (2 + 4) / 2 = 3.</summary>
    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 3)]
    public void AveragePool_CornerWindow_CountIncludePadSetsDivisor(bool countIncludePad, byte expected)
    {
        var shape = QPoolShape.Create(1, 1, 2, 2, 2, padTop: 1, padLeft: 0, padBottom: 0, padRight: 0);
        var output = new byte[1];
        QPool.AveragePool([2, 4], 1, shape, countIncludePad, 1f, 0, 1f, 0, output);
        Assert.Equal(expected, output[0]);
    }

    /// <summary>Half-way values round to even: averages 0.5, 1.5, 2.5 give 0, 2, 2.</summary>
    [Fact]
    public void GlobalAveragePool_Ties_RoundToEven()
    {
        var output = new sbyte[3];
        QPool.GlobalAveragePool([0, 1, 1, 2, 2, 3], 1, 3, 2, 1f, 0, 1f, 0, output);
        Assert.Equal(new sbyte[] { 0, 2, 2 }, output);
    }

    [Fact]
    public void GlobalAveragePool_Requantizes()
    {
        // Mean of (x - 10) is 20 (real 20 · 0.5 = 10), y = 10 / 0.25 + 3 = 43.
        var output = new byte[1];
        QPool.GlobalAveragePool([20, 40, 30, 30], 1, 1, 4, 0.5f, 10, 0.25f, 3, output);
        Assert.Equal(43, output[0]);
    }

    [Fact]
    public void MaxPool_Signed_IgnoresPadding()
    {
        var shape = QPoolShape.Create(1, 1, 3, 1, 2, padLeft: 1, padRight: 1);
        var output = new sbyte[4];
        QPool.MaxPool([-5, -7, -2], 1, shape, output);
        Assert.Equal(new sbyte[] { -5, -5, -2, -2 }, output);
    }

    [Fact]
    public void Create_PadNotSmallerThanKernel_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => QPoolShape.Create(1, 5, 5, 2, 2, padTop: 2));
        Assert.Contains("smaller than the kernel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EmptyOutput_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => QPoolShape.Create(1, 2, 5, 3, 3));
        Assert.Contains("output would be empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AveragePool_BadScaleOrLength_Throws()
    {
        var shape = QPoolShape.Create(1, 2, 2, 2, 2);
        Assert.Throws<ArgumentException>(() => QPool.AveragePool(new byte[4], 1, shape, false, 0f, 0, 1f, 0, new byte[1]));
        Assert.Throws<ArgumentException>(() => QPool.AveragePool(new byte[4], 1, shape, false, 1f, 0, float.NaN, 0, new byte[1]));
        Assert.Throws<ArgumentException>(() => QPool.AveragePool(new byte[3], 1, shape, false, 1f, 0, 1f, 0, new byte[1]));
        Assert.Throws<ArgumentException>(() => QPool.MaxPool(new byte[4], 1, shape, new byte[2]));
        Assert.Throws<ArgumentException>(() => QPool.GlobalAveragePool(new byte[4], 1, 2, 3, 1f, 0, 1f, 0, new byte[2]));
    }
}
