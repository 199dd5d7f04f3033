using EdgeAi.Models.Quantization;

namespace EdgeAi.Models.Tests.Quantization;

public sealed class QuantizationMathTests
{
    [Fact]
    public void UInt8Asymmetric_PositiveRange_WidenedToZeroWithZeroPointZero()
    {
        (float scale, byte zeroPoint) = QuantizationMath.UInt8Asymmetric(0.5f, 2.55f);

        Assert.Equal(0.01f, scale, 1e-7f);
        Assert.Equal(0, zeroPoint);
    }

    [Fact]
    public void UInt8Asymmetric_NegativeRange_ZeroPointAtTheTop()
    {
        (float scale, byte zeroPoint) = QuantizationMath.UInt8Asymmetric(-2.55f, -1f);

        Assert.Equal(0.01f, scale, 1e-7f);
        Assert.Equal(255, zeroPoint);
    }

    [Fact]
    public void UInt8Asymmetric_MixedRange_ZeroIsExact()
    {
        (float scale, byte zeroPoint) = QuantizationMath.UInt8Asymmetric(-1f, 3f);

        Assert.Equal(64, zeroPoint); // round(1 / (4 / 255)) = round(63.75)
        Assert.Equal(4f / 255, scale, 1e-7f);
    }

    [Fact]
    public void UInt8Asymmetric_AllZero_ScaleOne()
    {
        Assert.Equal((1f, (byte)0), QuantizationMath.UInt8Asymmetric(0, 0));
    }

    [Fact]
    public void Int8PerChannel_Axis0_SymmetricPerRowRoundingHalfToEven()
    {
        // Row 0: max 127 -> scale 1; 2.5 rounds to 2, 3.5 to 4. Row 1: all zero -> tiny positive scale.
        float[] w = [127, 2.5f, -3.5f, 0, 0, 0];
        var q = new sbyte[6];

        float[] scales = QuantizationMath.Int8PerChannel(w, [2, 3], 0, q);

        Assert.Equal([1f, QuantizationMath.ZeroChannelScale], scales);
        Assert.Equal([127, 2, -4, 0, 0, 0], q.Select(v => (int)v));
    }

    [Fact]
    public void Int8PerChannel_Axis1_ScalesPerColumn()
    {
        float[] w = [1, -4, -2, 8];
        var q = new sbyte[4];

        float[] scales = QuantizationMath.Int8PerChannel(w, [2, 2], 1, q);

        Assert.Equal([2f / 127, 8f / 127], scales);
        Assert.Equal([64, -64, -127, 127], q.Select(v => (int)v)); // 1 / (2/127) = 63.5 -> 64 (even)
    }

    [Fact]
    public void Int32Bias_ScaleIsInputTimesWeightScale()
    {
        var q = new int[2];

        float[] scales = QuantizationMath.Int32Bias([0.5f, -0.25f], 0.1f, [0.01f, 0.02f], q);

        Assert.Equal([0.1f * 0.01f, 0.1f * 0.02f], scales);
        Assert.Equal([500, -125], q);
    }

    [Fact]
    public void BiasScaleFloor_ZeroChannelWithBias_BiasStillFitsInt32()
    {
        float[] bias = [3f];
        float[] floors = QuantizationMath.BiasScaleFloor(bias, inputScale: 0.001f);
        var qw = new sbyte[4];
        float[] weightScales = QuantizationMath.Int8PerChannel([0, 0, 0, 0], [1, 4], 0, qw, floors);
        var qb = new int[1];

        float[] biasScales = QuantizationMath.Int32Bias(bias, 0.001f, weightScales, qb);

        Assert.All(qw, v => Assert.Equal(0, v));
        Assert.InRange(Math.Abs((double)qb[0]), 0, QuantizationMath.BiasLimit + 1);
        Assert.Equal(3, qb[0] * (double)biasScales[0], 1e-5);
    }
}
