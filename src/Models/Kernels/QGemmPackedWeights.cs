namespace EdgeAi.Models.Kernels;

/// <summary>
/// An int8 weight matrix B (K x N, row-major) packed once for every GEMM micro-kernel, with its column sums.
/// </summary>
/// <remarks>
/// <para>Layout: N is cut into panels of <see cref="PanelWidth"/> columns (the last one padded with zero
/// columns); K is cut into groups of 4 (the last one padded with zero rows). Inside a panel, group g
/// occupies 64 bytes: column j's four weights k = 4g..4g+3 are bytes 4j..4j+3. That is the operand
/// layout of x86 <c>vpdpbusd</c> and ARM <c>SDOT</c> (four consecutive products summed into one 32-bit
/// lane, Intel SDM "VPDPBUSD"; Arm ARM "SDOT (vector)"), and the other kernels widen from it.</para>
/// <para>Weights must lie in [-127, 127]. The no-dot-product NEON kernel adds two products in a 16-bit lane
/// (SMULL then SMLAL); with activations in [-128, 127] only (-128)·(-128) twice could overflow, so -128 is
/// excluded for every kernel, as MLAS does. Symmetric int8 quantization never produces -128.</para>
/// <para>Immutable after construction and safe to share between threads.</para>
/// </remarks>
public sealed class QGemmPackedWeights
{
    /// <summary>Columns per packed panel (the micro-kernels' register tile width).</summary>
    public const int PanelWidth = 16;

    /// <summary>Consecutive K values summed by one 32-bit lane.</summary>
    public const int GroupDepth = 4;

    private readonly sbyte[] _packed;
    private readonly int[] _columnSums;
    private readonly int[] _zeroPoints;
    private readonly int[] _columnZeroPoints;

    private QGemmPackedWeights(int k, int n, sbyte[] packed, int[] columnSums, int[] zeroPoints)
    {
        K = k;
        N = n;
        _packed = packed;
        _columnSums = columnSums;
        _zeroPoints = zeroPoints;
        _columnZeroPoints = new int[columnSums.Length];
        for (int j = 0; j < n; j++)
        {
            _columnZeroPoints[j] = zeroPoints.Length == 1 ? zeroPoints[0] : zeroPoints[j];
        }

        HasNonZeroZeroPoint = Array.Exists(zeroPoints, z => z != 0);
    }

    /// <summary>Rows of B (the shared dimension).</summary>
    public int K { get; }

    /// <summary>Columns of B (output columns).</summary>
    public int N { get; }

    /// <summary>Whether each column has its own zero point (otherwise one for the tensor).</summary>
    public bool PerChannelZeroPoints => _zeroPoints.Length > 1;

    internal int Groups => (K + GroupDepth - 1) / GroupDepth;

    internal int Panels => (N + PanelWidth - 1) / PanelWidth;

    internal int PanelBytes => Groups * GroupDepth * PanelWidth;

    internal ReadOnlySpan<sbyte> Packed => _packed;

    /// <summary>Σk B[k, n] per column, padded with zeros to whole panels.</summary>
    internal ReadOnlySpan<int> ColumnSums => _columnSums;

    /// <summary>The zero point of every column, padded with zeros to whole panels.</summary>
    internal ReadOnlySpan<int> ColumnZeroPoints => _columnZeroPoints;


    internal bool HasNonZeroZeroPoint { get; }

    /// <summary>Packs <paramref name="weights"/> (K x N, row-major) with one zero point or one per column.</summary>
    /// <param name="weights">K·N weights in [-127, 127].</param>
    /// <param name="k">Rows of B, at least 1.</param>
    /// <param name="n">Columns of B, at least 1.</param>
    /// <param name="zeroPoints">One zero point (per tensor) or N (per column).</param>
    /// <exception cref="ArgumentException">A size does not match, or a weight is -128.</exception>
    public static QGemmPackedWeights Pack(ReadOnlySpan<sbyte> weights, int k, int n, ReadOnlySpan<sbyte> zeroPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if ((long)k * n != weights.Length)
        {
            throw new ArgumentException($"Weights hold {weights.Length} values but K x N = {k} x {n} = {(long)k * n}.", nameof(weights));
        }

        if (zeroPoints.Length != 1 && zeroPoints.Length != n)
        {
            throw new ArgumentException($"Expected 1 (per tensor) or {n} (per column) weight zero points, got {zeroPoints.Length}.", nameof(zeroPoints));
        }

        int bad = weights.IndexOf(sbyte.MinValue);
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"Weight at row {bad / n}, column {bad % n} is -128; packed int8 weights must lie in [-127, 127] (symmetric quantization).",
                nameof(weights));
        }

        int groups = (k + GroupDepth - 1) / GroupDepth;
        int panels = (n + PanelWidth - 1) / PanelWidth;
        int panelBytes = groups * GroupDepth * PanelWidth;
        var packed = new sbyte[checked(panels * panelBytes)];
        var sums = new int[panels * PanelWidth];
        for (int row = 0; row < k; row++)
        {
            int group = row / GroupDepth;
            int lane = row % GroupDepth;
            for (int col = 0; col < n; col++)
            {
                sbyte w = weights[(row * n) + col];
                int panel = col / PanelWidth;
                int j = col % PanelWidth;
                packed[(panel * panelBytes) + (group * GroupDepth * PanelWidth) + (j * GroupDepth) + lane] = w;
                sums[col] += w;
            }
        }

        var zps = new int[zeroPoints.Length];
        for (int i = 0; i < zps.Length; i++)
        {
            zps[i] = zeroPoints[i];
        }

        return new QGemmPackedWeights(k, n, packed, sums, zps);
    }
}
