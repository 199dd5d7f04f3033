using EdgeAi.Models.Engine.Steps;

namespace EdgeAi.Models.Tests.Engine;

/// <summary>The vectorized per-tensor QuantizeLinear and u8 DequantizeLinear are bit-identical to the scalar definition, ties and specials included.</summary>
public sealed class QuantizeStepTests
{
    [Theory]
    [InlineData(0.02f, 0, 0, 255)]
    [InlineData(0.02f, 131, 0, 255)]
    [InlineData(0.0117647f, 0, -128, 127)]
    [InlineData(0.05f, -7, -128, 127)]
    [InlineData(1.0f, 10, 0, 255)]
    public void PerTensor_EqualsScalarQuantize(float scale, int zeroPoint, int min, int max)
    {
        var random = new Random(zeroPoint + 500);
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, float.MaxValue, float.MinValue, float.Epsilon, 1e30f, -1e30f];
        for (int length = 0; length <= 70; length++)
        {
            var src = new float[length];
            for (int i = 0; i < length; i++)
            {
                src[i] = random.Next(4) switch
                {
                    0 => specials[random.Next(specials.Length)],
                    1 => (random.Next(-300, 300) + 0.5f) * scale, // ties (where float arithmetic keeps them exact)
                    2 => (float)(random.NextDouble() * 600 - 300) * scale,
                    _ => (float)((random.NextDouble() * 2) - 1) * 3f,
                };
            }

            var dst = new byte[length];
            QuantizeStep.PerTensor(src, dst, scale, zeroPoint, min, max);
            for (int i = 0; i < length; i++)
            {
                Assert.True(unchecked((byte)QuantizeStep.Quantize(src[i], scale, zeroPoint, min, max)) == dst[i], $"x = {src[i]} at {i} of {length}");
            }
        }
    }

    [Theory]
    [InlineData(0.02f, 0)]
    [InlineData(0.0117647f, 131)]
    [InlineData(3.3e-5f, 255)]
    public void DequantizePerTensorUInt8_EqualsScalar(float scale, int zeroPoint)
    {
        var random = new Random(zeroPoint);
        for (int length = 0; length <= 70; length++)
        {
            var src = new byte[length];
            random.NextBytes(src);
            var dst = new float[length];
            DequantizeStep.PerTensorUInt8(src, dst, scale, zeroPoint);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits((src[i] - zeroPoint) * scale), BitConverter.SingleToInt32Bits(dst[i]));
            }
        }
    }
}
