using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// Quantized matrix multiply C = (A - aZeroPoint) x (B - bZeroPoint) with u8 activations A (M x K, row-major),
/// packed s8 weights B (<see cref="QGemmPackedWeights"/>) and int32 accumulation, optionally requantized to
/// 8 bits. Every kernel set gives bit-identical results.
/// </summary>
/// <remarks>
/// <para>The micro-kernel computes raw sums S = Σ a'·b with a' = a - s (s = the kernel's activation shift, 0 or 128).
/// With z' = aZeroPoint - s, Σ (a - aZeroPoint)(b - zb) = S - zb·Σa' - z'·Σb + K·z'·zb: column sums come from
/// packing, row sums are taken per call. All of it is int32 arithmetic that wraps like ONNX's int32
/// accumulators; results are exact while K · 255 · 255 &lt; 2^31 (K &lt;= 33025).</para>
/// <para>Allocation-free per call; an instance is stateless and may be used from several threads.</para>
/// </remarks>
public sealed class QGemm
{
    private static readonly Lazy<QGemm> DefaultInstance = new(() => new QGemm(KernelSelector.Default));

    // Per-thread buffer for kernels that prepare activation rows (one row tile); grown, never shrunk, so calls
    // after the first with a given K allocate nothing.
    [ThreadStatic]
    private static byte[]? _preparedRows;

    private readonly QGemmMicroKernel _kernel;

    /// <summary>Creates a GEMM that uses <paramref name="kernelSet"/>.</summary>
    /// <exception cref="NotSupportedException">This CPU cannot run <paramref name="kernelSet"/>.</exception>
    public QGemm(KernelSet kernelSet)
    {
        if (!KernelSelector.IsSupported(kernelSet))
        {
            throw new NotSupportedException($"This CPU does not support the {KernelSelector.NameOf(kernelSet)} kernels.");
        }

        _kernel = kernelSet switch
        {
            KernelSet.Scalar => new ScalarMicroKernel(),
            KernelSet.Vector128 => new Vector128MicroKernel(),
            KernelSet.Avx2 => new Avx2MicroKernel(),
            KernelSet.Avx512Bw => new Avx512BwMicroKernel(),
            KernelSet.AvxVnni => new AvxVnniMicroKernel(),
            KernelSet.Neon => new NeonMicroKernel(),
            KernelSet.NeonDp => new NeonDotMicroKernel(),
            _ => throw new ArgumentOutOfRangeException(nameof(kernelSet), kernelSet, "Unknown kernel set."),
        };
    }

    /// <summary>The GEMM on <see cref="KernelSelector.Default"/>, chosen once per process.</summary>
    public static QGemm Default => DefaultInstance.Value;

    /// <summary>The kernel set this instance runs.</summary>
    public KernelSet KernelSet => _kernel.Set;

    /// <summary>Rows of the micro-kernel's register tile.</summary>
    public int TileRows => _kernel.Rows;

    /// <summary>C (M x N, int32) = (A - aZeroPoint) x (B - bZeroPoint), as ONNX MatMulInteger.</summary>
    /// <exception cref="ArgumentException">A or C does not have M·K or M·N elements.</exception>
    public void Multiply(ReadOnlySpan<byte> a, int m, byte aZeroPoint, QGemmPackedWeights b, Span<int> c)
    {
        ArgumentNullException.ThrowIfNull(b);
        Validate(a, m, b, c);
        var sink = new Int32TileSink(c, b.N);
        Run(a, m, aZeroPoint, b, ref sink);
    }

    /// <summary>The product requantized to u8 (C is M x N), as ONNX QLinearMatMul with a uint8 output.</summary>
    /// <exception cref="ArgumentException">Sizes do not match, or the requantization range or channels do not fit.</exception>
    public void Multiply(ReadOnlySpan<byte> a, int m, byte aZeroPoint, QGemmPackedWeights b, Requantization output, Span<byte> c)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(output);
        Validate(a, m, b, c);
        ValidateOutput(output, b.N, byte.MinValue, byte.MaxValue);
        var sink = new RequantizingTileSink(c, b.N, output);
        Run(a, m, aZeroPoint, b, ref sink);
    }

    /// <summary>The product requantized to s8 (C is M x N), as ONNX QLinearMatMul with an int8 output.</summary>
    /// <exception cref="ArgumentException">Sizes do not match, or the requantization range or channels do not fit.</exception>
    public void Multiply(ReadOnlySpan<byte> a, int m, byte aZeroPoint, QGemmPackedWeights b, Requantization output, Span<sbyte> c)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(output);
        Validate(a, m, b, c);
        ValidateOutput(output, b.N, sbyte.MinValue, sbyte.MaxValue);
        var sink = new RequantizingTileSink(MemoryMarshal.AsBytes(c), b.N, output);
        Run(a, m, aZeroPoint, b, ref sink);
    }

    /// <summary>
    /// The product plus a per-column int32 bias, requantized to u8 (C is M x N): ONNX QLinearConv's core, or a QDQ
    /// Gemm with a uint8 output. bias[n] is added (int32, wrapping) to the zero-point-corrected accumulator of
    /// column n before requantization.
    /// </summary>
    /// <param name="a">A, M x K u8 activations, row-major.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="aZeroPoint">The activations' zero point.</param>
    /// <param name="b">The packed weights (K x N).</param>
    /// <param name="bias">Empty (no bias) or N int32 values in the accumulator's scale (aScale · bScale[n], zero point 0).</param>
    /// <param name="output">The requantization to u8: 1 or N channels, range inside [0, 255].</param>
    /// <param name="c">C, M x N, row-major.</param>
    /// <exception cref="ArgumentException">Sizes do not match (bias included), or the requantization range or channels do not fit.</exception>
    public void Multiply(ReadOnlySpan<byte> a, int m, byte aZeroPoint, QGemmPackedWeights b, ReadOnlySpan<int> bias, Requantization output, Span<byte> c)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(output);
        Validate(a, m, b, c);
        ValidateBias(bias, b.N);
        ValidateOutput(output, b.N, byte.MinValue, byte.MaxValue);
        var sink = new RequantizingTileSink(c, b.N, output, bias);
        Run(a, m, aZeroPoint, b, ref sink);
    }

    /// <summary>
    /// The product plus a per-column int32 bias, requantized to s8 (C is M x N): ONNX QLinearConv's core, or a QDQ
    /// Gemm with an int8 output. bias[n] is added (int32, wrapping) to the zero-point-corrected accumulator of
    /// column n before requantization.
    /// </summary>
    /// <param name="a">A, M x K u8 activations, row-major.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="aZeroPoint">The activations' zero point.</param>
    /// <param name="b">The packed weights (K x N).</param>
    /// <param name="bias">Empty (no bias) or N int32 values in the accumulator's scale (aScale · bScale[n], zero point 0).</param>
    /// <param name="output">The requantization to s8: 1 or N channels, range inside [-128, 127].</param>
    /// <param name="c">C, M x N, row-major.</param>
    /// <exception cref="ArgumentException">Sizes do not match (bias included), or the requantization range or channels do not fit.</exception>
    public void Multiply(ReadOnlySpan<byte> a, int m, byte aZeroPoint, QGemmPackedWeights b, ReadOnlySpan<int> bias, Requantization output, Span<sbyte> c)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(output);
        Validate(a, m, b, c);
        ValidateBias(bias, b.N);
        ValidateOutput(output, b.N, sbyte.MinValue, sbyte.MaxValue);
        var sink = new RequantizingTileSink(MemoryMarshal.AsBytes(c), b.N, output, bias);
        Run(a, m, aZeroPoint, b, ref sink);
    }

    private static void ValidateBias(ReadOnlySpan<int> bias, int n)
    {
        if (!bias.IsEmpty && bias.Length != n)
        {
            throw new ArgumentException($"Bias holds {bias.Length} values; expected none or N = {n}.", nameof(bias));
        }
    }

    private static void Validate<T>(ReadOnlySpan<byte> a, int m, QGemmPackedWeights b, Span<T> c)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        if ((long)m * b.K != a.Length)
        {
            throw new ArgumentException($"A holds {a.Length} values but M x K = {m} x {b.K} = {(long)m * b.K}.", nameof(a));
        }

        if ((long)m * b.N != c.Length)
        {
            throw new ArgumentException($"C holds {c.Length} values but M x N = {m} x {b.N} = {(long)m * b.N}.", nameof(c));
        }
    }

    private static void ValidateOutput(Requantization output, int n, int min, int max)
    {
        if (output.Channels != 1 && output.Channels != n)
        {
            throw new ArgumentException($"Requantization has {output.Channels} channels; expected 1 or N = {n}.", nameof(output));
        }

        if (output.Min < min || output.Max > max)
        {
            throw new ArgumentException($"Requantization range [{output.Min}, {output.Max}] does not fit the output type's [{min}, {max}].", nameof(output));
        }
    }

    /// <summary>The unchecked core: corrected int32 tiles of (A - aZeroPoint) x (B - zb) go to <paramref name="sink"/>; callers validate sizes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Run<TSink>(ReadOnlySpan<byte> a, int m, int aZeroPoint, QGemmPackedWeights b, ref TSink sink)
        where TSink : ITileSink, allows ref struct
    {
        const int Width = QGemmPackedWeights.PanelWidth;
        QGemmMicroKernel kernel = _kernel;
        int k = b.K;
        int n = b.N;
        int tileRows = kernel.Rows;
        int shift = kernel.ActivationShift;
        int zeroPrime = aZeroPoint - shift;
        bool needRowSums = b.HasNonZeroZeroPoint;
        int panelBytes = b.PanelBytes;
        ReadOnlySpan<int> columnSums = b.ColumnSums;
        ReadOnlySpan<int> columnZeroPoints = b.ColumnZeroPoints;

        Span<int> tile = stackalloc int[QGemmMicroKernel.MaxRows * Width];
        Span<int> rowSums = stackalloc int[QGemmMicroKernel.MaxRows];
        ref sbyte packed = ref MemoryMarshal.GetReference(b.Packed);
        int preparedStride = kernel.PreparedRowBytes(k);
        Span<byte> prepared = preparedStride > 0 ? PreparedRows(tileRows * preparedStride) : default;

        for (int r0 = 0; r0 < m; r0 += tileRows)
        {
            int rows = Math.Min(tileRows, m - r0);
            for (int i = 0; i < rows; i++)
            {
                rowSums[i] = needRowSums ? unchecked(RowSum(a.Slice((r0 + i) * k, k)) - (shift * k)) : 0;
            }

            // The rows the kernel reads: A itself, or its prepared form made once here and used for every panel.
            ReadOnlySpan<byte> rowTile = a.Slice(r0 * k, rows * k);
            int lda = k;
            if (preparedStride > 0)
            {
                kernel.PrepareRows(rowTile, rows, k, prepared);
                rowTile = prepared;
                lda = preparedStride;
            }

            ref byte rowsRef = ref MemoryMarshal.GetReference(rowTile);
            for (int p = 0, c0 = 0; c0 < n; p++, c0 += Width)
            {
                kernel.Compute(ref rowsRef, lda, rows, k, ref Unsafe.Add(ref packed, p * panelBytes), tile);
                Correct(tile, rows, rowSums, columnSums.Slice(c0, Width), columnZeroPoints.Slice(c0, Width), k, zeroPrime);
                int cols = Math.Min(Width, n - c0);
                for (int i = 0; i < rows; i++)
                {
                    sink.WriteRow(r0 + i, c0, tile.Slice(i * Width, cols));
                }
            }
        }
    }

    /// <summary>
    /// Applies the zero points to a tile in place: raw + z'·(K·zb - Σb) - zb·Σa', four columns per vector
    /// (int32 arithmetic wraps, as in the scalar formula).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Correct(Span<int> tile, int rows, ReadOnlySpan<int> rowSums, ReadOnlySpan<int> columnSums, ReadOnlySpan<int> zeroPoints, int k, int zeroPrime)
    {
        const int Width = QGemmPackedWeights.PanelWidth;
        ref int sums = ref MemoryMarshal.GetReference(columnSums);
        ref int zps = ref MemoryMarshal.GetReference(zeroPoints);
        ref int t = ref MemoryMarshal.GetReference(tile);
        for (int q = 0; q < Width; q += Vector128<int>.Count)
        {
            Vector128<int> zb = Vector128.LoadUnsafe(ref zps, (nuint)q);
            Vector128<int> columnTerm = Vector128.Create(zeroPrime) * ((zb * k) - Vector128.LoadUnsafe(ref sums, (nuint)q));
            for (int i = 0; i < rows; i++)
            {
                ref int row = ref Unsafe.Add(ref t, (i * Width) + q);
                (Vector128.LoadUnsafe(ref row) + columnTerm - (zb * rowSums[i])).StoreUnsafe(ref row);
            }
        }
    }

    private static Span<byte> PreparedRows(int bytes)
    {
        byte[]? buffer = _preparedRows;
        if (buffer is null || buffer.Length < bytes)
        {
            buffer = new byte[bytes];
            _preparedRows = buffer;
        }

        return buffer.AsSpan(0, bytes);
    }

    /// <summary>Σ of one row of u8 activations (at most 2^31 / 255 elements, so no int32 overflow).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RowSum(ReadOnlySpan<byte> row)
    {
        int i = 0;
        int sum = 0;
        if (Vector128.IsHardwareAccelerated && row.Length >= 16)
        {
            Vector128<uint> acc = Vector128<uint>.Zero;
            ref byte r = ref MemoryMarshal.GetReference(row);
            for (; i <= row.Length - 16; i += 16)
            {
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref Unsafe.Add(ref r, i)));
                (Vector128<uint> l0, Vector128<uint> l1) = Vector128.Widen(lo + hi);
                acc += l0 + l1;
            }

            sum = (int)Vector128.Sum(acc);
        }

        for (; i < row.Length; i++)
        {
            sum += row[i];
        }

        return sum;
    }
}
