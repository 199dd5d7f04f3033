using CsCheck;
using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

public sealed class FixedPointMultiplierTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.0 / 4294967296.0)]
    [InlineData(1073741824.0)]
    [InlineData(double.PositiveInfinity)]
    public void FromReal_OutOfRange_Throws(double real) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPointMultiplier.FromReal(real));

    [Fact]
    public void FromReal_Bounds_Accepted()
    {
        Assert.Equal(FixedPointMultiplier.MinReal, FixedPointMultiplier.FromReal(FixedPointMultiplier.MinReal).Real);
        Assert.Equal(61, FixedPointMultiplier.FromReal(FixedPointMultiplier.MinReal).Shift);
        // Just below 2^30 the mantissa rounds up to 2^31 and renormalizes to 2^30 with no shift at all.
        var top = FixedPointMultiplier.FromReal(Math.BitDecrement(FixedPointMultiplier.MaxReal));
        Assert.Equal(0, top.Shift);
        Assert.Equal(3L << 30, top.Apply(3));
    }

    /// <summary>The mantissa is a 31-bit number in [2^30, 2^31), so the representation error is at most 2^-31 relative.</summary>
    [Fact]
    public void FromReal_RandomReal_MantissaNormalizedAndErrorBelow2ToMinus31() =>
        Gen.Double[FixedPointMultiplier.MinReal, 1e6].Sample(real =>
        {
            var m = FixedPointMultiplier.FromReal(real);
            Assert.InRange(m.Mantissa, 1 << 30, int.MaxValue);
            Assert.True(Math.Abs(m.Real - real) <= real * Math.ScaleB(1, -31), $"{real} -> {m}");
        });

    /// <summary>
    /// Multipliers j / 2^s are held exactly and value · j / 2^s is exact in a double, so Apply must equal
    /// Math.Round(..., ToEven) exactly, ties included (small s makes ties frequent).
    /// </summary>
    [Fact]
    public void Apply_ExactlyRepresentableMultiplier_RoundsHalfToEvenLikeMathRound() =>
        Gen.Select(Gen.Int[1, 1 << 20], Gen.Int[0, 20], Gen.Int[-(1 << 24), 1 << 24]).Sample((j, s, value) =>
        {
            double real = Math.ScaleB(j, -s);
            var m = FixedPointMultiplier.FromReal(real);
            Assert.Equal(real, m.Real);
            Assert.Equal((long)Math.Round(value * real, MidpointRounding.ToEven), m.Apply(value));
        });

    [Fact]
    public void Apply_RandomMultiplier_WithinHalfAStepPlusMantissaError() =>
        Gen.Select(Gen.Double[1e-6, 16.0], Gen.Int).Sample((real, value) =>
        {
            var m = FixedPointMultiplier.FromReal(real);
            double exact = value * real;
            double tolerance = 0.5 + (Math.Abs(exact) * Math.ScaleB(1, -30));
            Assert.True(Math.Abs(m.Apply(value) - exact) <= tolerance, $"{value} x {real}: {m.Apply(value)}");
        });

    [Theory]
    [InlineData(5, 12)]    // 2.5 -> 2 (tie to even) + 10
    [InlineData(7, 14)]    // 3.5 -> 4 + 10
    [InlineData(-5, 8)]    // -2.5 -> -2 + 10
    [InlineData(-100, 0)]  // -50 + 10 clamps to 0
    [InlineData(1000, 255)]
    public void Requantization_Apply_RoundsHalfToEvenAddsZeroPointAndClamps(int accumulator, int expected) =>
        Assert.Equal(expected, Requantization.PerTensor(0.5, 10, 0, 255).Apply(accumulator, 0));

    [Fact]
    public void Requantization_PerChannel_UsesEachColumnsMultiplier()
    {
        var q = Requantization.PerChannel([0.5, 0.25], 0, -128, 127);
        Assert.Equal(50, q.Apply(100, 0));
        Assert.Equal(25, q.Apply(100, 1));
    }

    [Fact]
    public void Requantization_ZeroPointOutsideRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Requantization.PerTensor(0.5, 300, 0, 255));
}
