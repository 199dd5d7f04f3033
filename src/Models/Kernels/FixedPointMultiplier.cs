namespace EdgeAi.Models.Kernels;

/// <summary>
/// A positive real multiplier as a 31-bit integer mantissa and a right shift: real ≈ Mantissa · 2^-Shift,
/// with Mantissa in [2^30, 2^31) (relative error at most 2^-31). Requantization then needs no floating point.
/// </summary>
/// <remarks>
/// Rounding, documented once: the mantissa is the real multiplier's scaled value rounded to nearest, ties to
/// even; <see cref="Apply"/> computes the exact 64-bit product value · Mantissa and divides by 2^Shift rounding
/// to nearest, ties to even (the rounding ONNX prescribes for QuantizeLinear). The only inexactness is the
/// mantissa's 2^-31 relative error, so results can differ from a double-precision computation only when
/// value · real lies within that error of a rounding boundary.
/// </remarks>
public readonly record struct FixedPointMultiplier
{
    /// <summary>Smallest accepted real multiplier, 2^-31 (below it every int32 rounds to 0 or ±1).</summary>
    public const double MinReal = 1.0 / 2147483648.0;

    /// <summary>Exclusive upper bound of accepted real multipliers, 2^30.</summary>
    public const double MaxReal = 1073741824.0;

    private FixedPointMultiplier(int mantissa, int shift)
    {
        Mantissa = mantissa;
        Shift = shift;
    }

    /// <summary>The mantissa, in [2^30, 2^31).</summary>
    public int Mantissa { get; }

    /// <summary>The right shift, in [0, 61] (0 only when the real multiplier rounds up to 2^30).</summary>
    public int Shift { get; }

    /// <summary>The multiplier this value stands for exactly.</summary>
    public double Real => Math.ScaleB(Mantissa, -Shift);

    /// <summary>Converts a real multiplier (e.g. input scale · weight scale / output scale).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="real"/> is not in [2^-31, 2^30) (NaN included).</exception>
    public static FixedPointMultiplier FromReal(double real)
    {
        if (!(real >= MinReal && real < MaxReal))
        {
            throw new ArgumentOutOfRangeException(nameof(real), real, "A requantization multiplier must lie in [2^-31, 2^30).");
        }

        int exponent = Math.ILogB(real); // real = f · 2^exponent, f in [1, 2)
        double scaled = Math.Round(Math.ScaleB(real, 30 - exponent), MidpointRounding.ToEven);
        if (scaled >= 2147483648.0)
        {
            scaled = 1073741824.0;
            exponent++;
        }

        return new FixedPointMultiplier((int)scaled, 30 - exponent);
    }

    /// <summary>round(value · Mantissa / 2^Shift), ties to even, exactly (64-bit arithmetic).</summary>
    public long Apply(int value)
    {
        long product = (long)value * Mantissa; // |product| < 2^62
        if (Shift == 0)
        {
            return product;
        }

        long quotient = product >> Shift;      // floor
        long remainder = product - (quotient << Shift);
        long half = 1L << (Shift - 1);
        if (remainder > half || (remainder == half && (quotient & 1) != 0))
        {
            quotient++;
        }

        return quotient;
    }
}
