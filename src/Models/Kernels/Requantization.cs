using System.Runtime.CompilerServices;

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

    // The multipliers in the branch-free form RoundingShift takes: the mantissa as a long and a shift of at least 1
    // (a shift-0 multiplier becomes 2·mantissa and shift 1, exact), and 2^(shift-1) - 1 for the rounding.
    private readonly long[] _mantissas;
    private readonly int[] _shifts;
    private readonly long[] _roundings;

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
        _mantissas = new long[multipliers.Length];
        _shifts = new int[multipliers.Length];
        _roundings = new long[multipliers.Length];
        for (int i = 0; i < multipliers.Length; i++)
        {
            int shift = Math.Max(multipliers[i].Shift, 1);
            _mantissas[i] = (long)multipliers[i].Mantissa << (shift - multipliers[i].Shift);
            _shifts[i] = shift;
            _roundings[i] = (1L << (shift - 1)) - 1;
        }

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
    /// <remarks>Equal to clamp(<see cref="FixedPointMultiplier.Apply"/> + ZeroPoint, Min, Max), without branches on the data.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Apply(int accumulator, int column)
    {
        int c = _mantissas.Length == 1 ? 0 : column;
        long q = RoundingShift(accumulator, _mantissas[c], _shifts[c], _roundings[c]) + ZeroPoint;
        return (int)Math.Min(Math.Max(q, Min), Max);
    }

    /// <summary>
    /// Requantizes one row of accumulators, columns <paramref name="firstColumn"/> onwards, plus the optional bias
    /// (int32, wrapping), into output[j · <paramref name="stride"/>]: the GEMM and convolution epilogue.
    /// </summary>
    /// <param name="values">The zero-point-corrected accumulators of columns firstColumn .. firstColumn + values.Length - 1.</param>
    /// <param name="bias">Empty, or one value per element of <paramref name="values"/>.</param>
    /// <param name="firstColumn">The output column of values[0].</param>
    /// <param name="output">Destination bytes (int8 outputs in two's complement).</param>
    /// <param name="stride">Bytes between consecutive columns' outputs (1 row-major; the plane size for NCHW).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void ApplyRow(ReadOnlySpan<int> values, ReadOnlySpan<int> bias, int firstColumn, Span<byte> output, int stride)
    {
        long zeroPoint = ZeroPoint;
        long min = Min;
        long max = Max;
        bool hasBias = !bias.IsEmpty;
        if (hasBias && bias.Length != values.Length)
        {
            throw new ArgumentException("The bias must be empty or as long as the values.", nameof(bias));
        }

        if (_mantissas.Length == 1)
        {
            long mantissa = _mantissas[0];
            int shift = _shifts[0];
            long rounding = _roundings[0];
            for (int j = 0, o = 0; j < values.Length; j++, o += stride)
            {
                int accumulator = hasBias ? unchecked(values[j] + bias[j]) : values[j];
                long q = RoundingShift(accumulator, mantissa, shift, rounding) + zeroPoint;
                output[o] = unchecked((byte)Math.Min(Math.Max(q, min), max));
            }

            return;
        }

        ReadOnlySpan<long> mantissas = _mantissas.AsSpan(firstColumn, values.Length);
        ReadOnlySpan<int> shifts = _shifts.AsSpan(firstColumn, values.Length);
        ReadOnlySpan<long> roundings = _roundings.AsSpan(firstColumn, values.Length);
        for (int j = 0, o = 0; j < values.Length; j++, o += stride)
        {
            int accumulator = hasBias ? unchecked(values[j] + bias[j]) : values[j];
            long q = RoundingShift(accumulator, mantissas[j], shifts[j], roundings[j]) + zeroPoint;
            output[o] = unchecked((byte)Math.Min(Math.Max(q, min), max));
        }
    }

    /// <summary>
    /// round(value · mantissa / 2^shift), ties to even, for shift &gt;= 1 and rounding = 2^(shift-1) - 1, without
    /// branches: floor((p + 2^(shift-1) - 1 + b) / 2^shift) with p the exact product and b the parity of
    /// floor(p / 2^shift) rounds a remainder above one half up, below it down, and exactly one half up only when the
    /// floor is odd. |p| &lt; 2^62, so the sum cannot overflow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long RoundingShift(int value, long mantissa, int shift, long rounding)
    {
        long product = value * mantissa;
        return (product + rounding + ((product >> shift) & 1)) >> shift;
    }
}
