namespace EdgeAi.Models.Kernels;

/// <summary>
/// How int32 GEMM results become 8-bit outputs: y = clamp(round(acc · multiplier) + zeroPoint, Min, Max),
/// with one multiplier for the tensor or one per output column (per-channel weight scales).
/// </summary>
/// <remarks>
/// For ONNX QLinearMatMul the multiplier of column n is aScale · bScale[n] / yScale. Min and Max are the
/// output type's range, or narrower to fuse a Relu/Clip. Rounding is described on <see cref="FixedPointMultiplier"/>.
/// Immutable and thread-safe.
/// </remarks>
public sealed class Requantization
{
    private readonly FixedPointMultiplier[] _multipliers;

    private Requantization(FixedPointMultiplier[] multipliers, int zeroPoint, int min, int max)
    {
        if (min > max)
        {
            throw new ArgumentException($"Output range [{min}, {max}] is empty.", nameof(min));
        }

        if (zeroPoint < min || zeroPoint > max)
        {
            throw new ArgumentOutOfRangeException(nameof(zeroPoint), zeroPoint, $"The output zero point must lie in the output range [{min}, {max}].");
        }

        _multipliers = multipliers;
        ZeroPoint = zeroPoint;
        Min = min;
        Max = max;
    }

    /// <summary>The output zero point.</summary>
    public int ZeroPoint { get; }

    /// <summary>Smallest output value.</summary>
    public int Min { get; }

    /// <summary>Largest output value.</summary>
    public int Max { get; }

    /// <summary>1 (per tensor) or the number of output columns (per channel).</summary>
    public int Channels => _multipliers.Length;

    /// <summary>One multiplier for the whole output.</summary>
    /// <exception cref="ArgumentException">Bad multiplier, empty range, or zero point outside the range.</exception>
    public static Requantization PerTensor(double multiplier, int zeroPoint, int min, int max) =>
        new([FixedPointMultiplier.FromReal(multiplier)], zeroPoint, min, max);

    /// <summary>One multiplier per output column.</summary>
    /// <exception cref="ArgumentException">No multipliers, a bad multiplier, empty range, or zero point outside the range.</exception>
    public static Requantization PerChannel(ReadOnlySpan<double> multipliers, int zeroPoint, int min, int max)
    {
        if (multipliers.IsEmpty)
        {
            throw new ArgumentException("At least one multiplier is needed.", nameof(multipliers));
        }

        var fixedPoint = new FixedPointMultiplier[multipliers.Length];
        for (int i = 0; i < fixedPoint.Length; i++)
        {
            fixedPoint[i] = FixedPointMultiplier.FromReal(multipliers[i]);
        }

        return new Requantization(fixedPoint, zeroPoint, min, max);
    }

    /// <summary>The fixed-point multiplier of output column <paramref name="column"/>.</summary>
    public FixedPointMultiplier Multiplier(int column) => _multipliers.Length == 1 ? _multipliers[0] : _multipliers[column];

    /// <summary>Requantizes one accumulator of output column <paramref name="column"/>.</summary>
    public int Apply(int accumulator, int column) =>
        (int)Math.Clamp(Multiplier(column).Apply(accumulator) + ZeroPoint, Min, Max);
}
