using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>
/// The branch-free requantization (<see cref="Requantization.Apply"/>, <see cref="Requantization.ApplyRow"/>) against
/// its definition, clamp(<see cref="FixedPointMultiplier.Apply"/> + zero point, min, max): bit-identical, ties and the
/// extreme multipliers and accumulators included.
/// </summary>
public sealed class RequantizationTests
{
    // 0.5 and 1.5 make every odd accumulator an exact tie; MinReal has the largest shift (61); just below MaxReal
    // the mantissa renormalizes to shift 0.
    private static readonly double[] Multipliers =
    [
        0.5, 1.5, 0.25, 3.0 / 1024.0, 1e-3, 0.0123456789, 0.9999999, 1.0, 7.25, 123456.789,
        FixedPointMultiplier.MinReal, Math.ScaleB(1.0, -30) * 3.0, Math.BitDecrement(FixedPointMultiplier.MaxReal),
    ];

    private static int[] Accumulators(Random random)
    {
        var values = new List<int> { 0, 1, -1, 2, -2, 3, -3, int.MaxValue, int.MinValue, int.MaxValue - 1, int.MinValue + 1, 255, -255, 1 << 20, -(1 << 20) };
        for (int i = 0; i < 2000; i++)
        {
            values.Add(random.Next(4) switch
            {
                0 => random.Next(-1000, 1001),
                1 => random.Next(-100_000, 100_001),
                2 => (random.Next(-1000, 1001) * 2) + 1,
                _ => random.Next(int.MinValue, int.MaxValue),
            });
        }

        return [.. values];
    }

    private static int Reference(FixedPointMultiplier m, int accumulator, int zeroPoint, int min, int max) =>
        (int)Math.Clamp(m.Apply(accumulator) + zeroPoint, min, max);

    [Theory]
    [InlineData(0, 0, 255)]
    [InlineData(128, 0, 255)]
    [InlineData(3, 3, 200)]
    [InlineData(0, -128, 127)]
    [InlineData(-5, -128, 127)]
    public void Apply_PerTensor_EqualsFixedPointMultiplierClamped(int zeroPoint, int min, int max)
    {
        int[] accumulators = Accumulators(new Random(zeroPoint + 1000));
        foreach (double real in Multipliers)
        {
            var requantization = Requantization.PerTensor(real, zeroPoint, min, max);
            var m = FixedPointMultiplier.FromReal(real);
            foreach (int acc in accumulators)
            {
                Assert.True(Reference(m, acc, zeroPoint, min, max) == requantization.Apply(acc, 0), $"multiplier {real}, accumulator {acc}");
            }
        }
    }

    [Fact]
    public void Apply_UnboundedRange_EqualsFixedPointMultiplierExactly()
    {
        int[] accumulators = Accumulators(new Random(7));
        foreach (double real in Multipliers.Where(r => r < 1.0))
        {
            var requantization = Requantization.PerTensor(real, 0, int.MinValue, int.MaxValue);
            var m = FixedPointMultiplier.FromReal(real);
            foreach (int acc in accumulators)
            {
                Assert.Equal(m.Apply(acc), requantization.Apply(acc, 0));
            }
        }
    }

    [Theory]
    [InlineData(1, 0, 0, 255)]
    [InlineData(1, 12, 0, 255)]
    [InlineData(16, 0, 0, 255)]
    [InlineData(16, 37, -128, 127)]
    public void ApplyRow_EqualsApplyPerElement(int stride, int zeroPoint, int min, int max)
    {
        var random = new Random(stride + zeroPoint);
        int[] accumulators = Accumulators(random);
        int channels = Multipliers.Length;
        var perChannel = Requantization.PerChannel(Multipliers, zeroPoint, min, max);
        var perTensor = Requantization.PerTensor(0.0123456789, zeroPoint, min, max);
        int[] bias = [.. Enumerable.Range(0, channels).Select(_ => random.Next(int.MinValue, int.MaxValue))];
        foreach (Requantization requantization in new[] { perChannel, perTensor })
        {
            for (int start = 0; start + channels <= accumulators.Length; start += channels)
            {
                for (int first = 0; first < channels; first += 5)
                {
                    int count = channels - first;
                    ReadOnlySpan<int> values = accumulators.AsSpan(start, count);
                    foreach (bool withBias in new[] { false, true })
                    {
                        var output = new byte[(count * stride) + 3];
                        var scalar = new byte[output.Length];
                        ReadOnlySpan<int> rowBias = withBias ? bias.AsSpan(first, count) : default;
                        requantization.ApplyRow(values, rowBias, first, output, stride); // vectorized where the CPU allows
                        requantization.ApplyRowScalar(values, rowBias, first, scalar, stride, 0);
                        for (int j = 0; j < count; j++)
                        {
                            int acc = withBias ? unchecked(values[j] + bias[first + j]) : values[j];
                            byte expected = unchecked((byte)requantization.Apply(acc, first + j));
                            Assert.Equal(expected, output[j * stride]);
                            Assert.Equal(expected, scalar[j * stride]);
                        }
                    }
                }
            }
        }
    }
}
