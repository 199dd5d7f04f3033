using System.Runtime.CompilerServices;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// One register-tiled micro-kernel: raw int32 dot products of up to <see cref="Rows"/> activation rows with
/// one packed panel of <see cref="QGemmPackedWeights.PanelWidth"/> columns. Zero points are applied by
/// <see cref="QGemm"/> afterwards (row and column sums), so every kernel computes the same raw sums.
/// </summary>
/// <remarks>Stateless; one instance may be used from several threads.</remarks>
internal abstract class QGemmMicroKernel
{
    /// <summary>The most rows any kernel handles per call (size of the caller's tile buffer).</summary>
    public const int MaxRows = 6;

    /// <summary>The kernel set this kernel implements.</summary>
    public abstract KernelSet Set { get; }

    /// <summary>Rows per call (the register tile height), at most <see cref="MaxRows"/>.</summary>
    public abstract int Rows { get; }

    /// <summary>
    /// 0 when the kernel multiplies the u8 activations as they are; 128 when it multiplies a - 128 (as
    /// signed bytes: ARM's SMULL and SDOT are s8 x s8, and XOR 0x80 maps u8 a to s8 a - 128).
    /// </summary>
    public abstract int ActivationShift { get; }

    /// <summary>
    /// Writes tile[r * 16 + j] = sum over k of (a[r, k] - <see cref="ActivationShift"/>) * panel column j, k,
    /// for r &lt; <paramref name="rows"/>. Kernels compile a specialization per row count, so a partial tile
    /// (batch 1 above all) reads and computes only its valid rows; tile rows past them are undefined.
    /// </summary>
    /// <param name="a">First byte of row 0 of A.</param>
    /// <param name="lda">Bytes between rows of A.</param>
    /// <param name="rows">Valid rows, 1..<see cref="Rows"/>.</param>
    /// <param name="k">Columns of A that are read (the panel holds ceil(k/4) groups).</param>
    /// <param name="panel">First byte of the packed panel.</param>
    /// <param name="tile">At least <see cref="Rows"/> x 16 ints.</param>
    public abstract void Compute(ref byte a, int lda, int rows, int k, ref sbyte panel, Span<int> tile);

    /// <summary>
    /// Bytes per activation row in the kernel's prepared form, or 0 when <see cref="Compute"/> reads A as it is.
    /// A kernel that prepares rows gets them once per row tile and reuses them for every panel.
    /// </summary>
    public virtual int PreparedRowBytes(int k) => 0;

    /// <summary>Converts <paramref name="count"/> rows of A (row stride <paramref name="k"/>) to the prepared form.</summary>
    public virtual void PrepareRows(ReadOnlySpan<byte> rows, int count, int k, Span<byte> prepared)
    {
    }

    /// <summary>Four bytes of A starting at <paramref name="offset"/> as one little-endian int.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static int Quad(ref byte row, int offset) => Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref row, offset));

    /// <summary>The last 1..3 bytes of a row padded with zero bytes to one int (the panel's padding rows are zero).</summary>
    /// <remarks>
    /// Loop-free and always inlined on purpose: SIMD registers are caller-saved, so a call anywhere in a kernel
    /// makes the JIT spill the accumulators, and it then spills and reloads them on every loop iteration.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static int TailQuad(ref byte row, int offset, int count)
    {
        ref byte r = ref Unsafe.Add(ref row, offset);
        int value = r;
        if (count > 1)
        {
            value |= Unsafe.Add(ref r, 1) << 8;
        }

        if (count > 2)
        {
            value |= Unsafe.Add(ref r, 2) << 16;
        }

        return value;
    }

    /// <summary>The group value of group <paramref name="g"/>: full groups read 4 bytes, the last partial one is padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static int GroupQuad(ref byte row, int g, int fullGroups, int k) =>
        g < fullGroups ? Quad(ref row, g * 4) : TailQuad(ref row, g * 4, k - (g * 4));
}
