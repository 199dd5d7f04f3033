using EdgeAi.Models.Engine.Steps;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Tests.Engine;

/// <summary>The branch-free u8 MaxPool (and its vectorized 1x2 stride-2 pass) equals the generic float MaxPool on the same values (pads, strides, empty windows).</summary>
public sealed class PoolStepTests
{
    [Theory]
    [InlineData(16, 1, 64, 1, 2, 1, 2, 0, 0)]
    [InlineData(3, 1, 38, 1, 2, 1, 2, 0, 0)]
    [InlineData(5, 4, 22, 1, 2, 1, 2, 0, 0)]
    [InlineData(1, 1, 2, 1, 2, 1, 2, 0, 0)]
    [InlineData(3, 1, 17, 1, 3, 1, 2, 0, 1)]
    [InlineData(4, 9, 9, 3, 3, 2, 2, 1, 1)]
    [InlineData(2, 7, 8, 2, 2, 2, 2, 0, 0)]
    [InlineData(2, 5, 5, 3, 3, 3, 3, 2, 2)]
    public void MaxPool_UInt8_EqualsFloatPath(int planes, int inH, int inW, int kH, int kW, int sH, int sW, int padTop, int padLeft)
    {
        // Output size with the pads on both sides and one extra (ceil-mode style) position that may be all padding.
        int outH = ((inH + (2 * padTop) - kH) / sH) + 1 + (padTop > 0 ? 1 : 0);
        int outW = ((inW + (2 * padLeft) - kW) / sW) + 1 + (padLeft > 0 ? 1 : 0);
        var geometry = new PoolGeometry(planes, inH, inW, outH, outW, kH, kW, sH, sW, padTop, padLeft);
        var random = new Random(planes * 1000 + inW);
        var xq = new Tensor("xq", TensorElementType.UInt8, [1, planes, inH, inW]);
        var xf = new Tensor("xf", TensorElementType.Float32, [1, planes, inH, inW]);
        random.NextBytes(xq.Bytes);
        for (int i = 0; i < xq.Bytes.Length; i++)
        {
            xf.AsSpan<float>()[i] = xq.Bytes[i];
        }

        var yq = new Tensor("yq", TensorElementType.UInt8, [1, planes, outH, outW]);
        var yf = new Tensor("yf", TensorElementType.Float32, [1, planes, outH, outW]);
        new PoolStep(xq, yq, geometry, average: false, countIncludePad: false).Run();
        new PoolStep(xf, yf, geometry, average: false, countIncludePad: false).Run();
        for (int i = 0; i < yq.Bytes.Length; i++)
        {
            float expected = yf.AsSpan<float>()[i];
            Assert.Equal(float.IsNegativeInfinity(expected) ? 0 : (int)expected, yq.Bytes[i]);
        }
    }

    [Fact]
    public void RoundedMean_IsExactRoundHalfEven()
    {
        var random = new Random(3);
        for (int i = 0; i < 20000; i++)
        {
            long count = random.Next(1, 300);
            long sum = random.Next(-255 * 300, (255 * 300) + 1);
            decimal expected = Math.Round((decimal)sum / count, MidpointRounding.ToEven);
            Assert.Equal((long)expected, QuantizedGlobalAveragePoolStep.RoundedMean(sum, count));
        }

        Assert.Equal(2, QuantizedGlobalAveragePoolStep.RoundedMean(40, 16));   // 2.5 -> 2
        Assert.Equal(4, QuantizedGlobalAveragePoolStep.RoundedMean(56, 16));   // 3.5 -> 4
        Assert.Equal(-2, QuantizedGlobalAveragePoolStep.RoundedMean(-40, 16)); // -2.5 -> -2
        Assert.Equal(-4, QuantizedGlobalAveragePoolStep.RoundedMean(-56, 16)); // -3.5 -> -4
        Assert.Equal(0, QuantizedGlobalAveragePoolStep.RoundedMean(5, 0));
    }
}
