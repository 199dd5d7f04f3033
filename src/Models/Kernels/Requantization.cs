using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    private readonly long[] _wideShifts; // _shifts as longs, for the vector path's per-lane shift counts

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
        _wideShifts = new long[multipliers.Length];
        for (int i = 0; i < multipliers.Length; i++)
        {
            int shift = Math.Max(multipliers[i].Shift, 1);
            _mantissas[i] = (long)multipliers[i].Mantissa << (shift - multipliers[i].Shift);
            _shifts[i] = shift;
            _roundings[i] = (1L << (shift - 1)) - 1;
            _wideShifts[i] = shift;
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
        int count = values.Length;
        bool hasBias = !bias.IsEmpty;
        bool perTensor = _mantissas.Length == 1;
        if ((hasBias && bias.Length != count) || (count > 0 && (long)(count - 1) * stride >= output.Length)
            || (!perTensor && (firstColumn < 0 || firstColumn + count > _mantissas.Length)))
        {
            throw new ArgumentException("The bias, the output or the columns do not fit the values.", nameof(values));
        }

        int j = 0;
        if (Avx512F.IsSupported && Avx512DQ.IsSupported && count >= 8)
        {
            j = ApplyRowAvx512(values, bias, firstColumn, output, stride);
        }

        ApplyRowScalar(values, bias, firstColumn, output, stride, j);
    }

    /// <summary>Columns <paramref name="start"/> onwards of <see cref="ApplyRow"/>, one at a time (arguments already checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void ApplyRowScalar(ReadOnlySpan<int> values, ReadOnlySpan<int> bias, int firstColumn, Span<byte> output, int stride, int start)
    {
        int count = values.Length;
        bool hasBias = !bias.IsEmpty;
        bool perTensor = _mantissas.Length == 1;
        long zeroPoint = ZeroPoint;
        long min = Min;
        long max = Max;
        int step = perTensor ? 0 : 1;
        int first = perTensor ? 0 : firstColumn;

        // Lengths and columns were checked by ApplyRow; the loop reads through refs and clamps without branches,
        // since whether a value clamps (a fused Relu clamps about half of them) is data-dependent and mispredicts.
        ref int value = ref MemoryMarshal.GetReference(values);
        ref int b = ref MemoryMarshal.GetReference(bias);
        ref long mantissa = ref _mantissas[first];
        ref int shift = ref _shifts[first];
        ref long rounding = ref _roundings[first];
        ref byte o = ref MemoryMarshal.GetReference(output);
        for (int j = start, c = start * step; j < count; j++, c += step)
        {
            int accumulator = hasBias ? unchecked(Unsafe.Add(ref value, j) + Unsafe.Add(ref b, j)) : Unsafe.Add(ref value, j);
            long q = RoundingShift(accumulator, Unsafe.Add(ref mantissa, c), Unsafe.Add(ref shift, c), Unsafe.Add(ref rounding, c)) + zeroPoint;
            Unsafe.Add(ref o, j * stride) = unchecked((byte)ClampBranchFree(q, min, max));
        }
    }

    /// <summary>
    /// Whole groups of 8 columns of <see cref="ApplyRow"/> on AVX-512 (arguments already checked): the same integer
    /// operations as <see cref="RoundingShift"/> on 64-bit lanes (<c>vpmovsxdq</c>, <c>vpmullq</c>, <c>vpsravq</c>),
    /// so bit-identical to the scalar path. Returns the columns done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ApplyRowAvx512(ReadOnlySpan<int> values, ReadOnlySpan<int> bias, int firstColumn, Span<byte> output, int stride)
    {
        int count = values.Length;
        bool hasBias = !bias.IsEmpty;
        bool perTensor = _mantissas.Length == 1;
        Vector512<long> zeroPoint = Vector512.Create((long)ZeroPoint);
        Vector512<long> min = Vector512.Create((long)Min);
        Vector512<long> max = Vector512.Create((long)Max);
        Vector512<long> one = Vector512<long>.One;
        ref int value = ref MemoryMarshal.GetReference(values);
        ref int b = ref MemoryMarshal.GetReference(bias);
        ref byte o = ref MemoryMarshal.GetReference(output);
        Vector512<long> mantissa = Vector512.Create(_mantissas[0]);
        Vector512<ulong> shift = Vector512.Create((ulong)_shifts[0]);
        Vector512<long> rounding = Vector512.Create(_roundings[0]);
        int j = 0;
        for (; j <= count - 8; j += 8)
        {
            Vector256<int> acc = Vector256.LoadUnsafe(ref value, (nuint)j);
            if (hasBias)
            {
                acc += Vector256.LoadUnsafe(ref b, (nuint)j);
            }

            if (!perTensor)
            {
                mantissa = Vector512.LoadUnsafe(ref _mantissas[0], (nuint)(firstColumn + j));
                shift = Vector512.LoadUnsafe(ref _wideShifts[0], (nuint)(firstColumn + j)).AsUInt64();
                rounding = Vector512.LoadUnsafe(ref _roundings[0], (nuint)(firstColumn + j));
            }

            Vector512<long> product = Avx512DQ.MultiplyLow(Avx512F.ConvertToVector512Int64(acc), mantissa);
            Vector512<long> parity = Avx512F.ShiftRightArithmeticVariable(product, shift) & one;
            Vector512<long> q = Avx512F.ShiftRightArithmeticVariable(product + rounding + parity, shift) + zeroPoint;
            Vector128<byte> bytes = Avx512F.ConvertToVector128Byte(Vector512.Min(Vector512.Max(q, min), max));
            if (stride == 1)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, j), bytes.AsUInt64().ToScalar());
            }
            else
            {
                ulong packed = bytes.AsUInt64().ToScalar();
                ref byte target = ref Unsafe.Add(ref o, j * stride);
                for (int i = 0; i < 8; i++, packed >>= 8)
                {
                    Unsafe.Add(ref target, i * stride) = (byte)packed;
                }
            }
        }

        return j;
    }

    /// <summary>min(max(q, lo), hi) with masks instead of branches (the differences cannot overflow: |q| &lt; 2^62).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ClampBranchFree(long q, long lo, long hi)
    {
        long below = q - lo;
        q = lo + (below & ~(below >> 63));
        long above = q - hi;
        return hi + (above & (above >> 63));
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
