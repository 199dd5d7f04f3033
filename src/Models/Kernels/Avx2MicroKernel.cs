using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// AVX2 kernel, 2 rows x 16 columns, on activation rows prepared by <see cref="ActivationWidening"/>.
/// <c>vpmaddubsw</c> is deliberately not used: it adds two u8 x s8 products into a saturating 16-bit lane (Intel SDM, PMADDUBSW), and 2 x 255 x 127 = 64770 does not fit,
/// which is the overflow ONNX Runtime's u8s8 AVX2 path is known for. Instead activations are zero-extended
/// (once per row tile) and weights sign-extended (<c>vpmovsxbw</c>) to 16 bits and multiplied with
/// <c>vpmaddwd</c>, whose two 16 x 16 products are summed in 32 bits: exact for every input.
/// </summary>
internal sealed class Avx2MicroKernel : QGemmMicroKernel
{
    public override KernelSet Set => KernelSet.Avx2;

    public override int Rows => 2;

    public override int ActivationShift => 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Compute(ref byte a, int lda, int rows, int k, ref sbyte panel, Span<int> tile)
    {
        if (rows == 1)
        {
            Tile<OneRow>(ref a, lda, k, ref panel, tile);
        }
        else
        {
            Tile<TwoRows>(ref a, lda, k, ref panel, tile);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows>(ref byte a, int lda, int k, ref sbyte panel, Span<int> tile)
        where TRows : struct, IRowCount
    {
        ref byte a0 = ref a;
        ref byte a1 = ref Unsafe.Add(ref a, TRows.Count > 1 ? lda : 0);

        // accRQ: row R, columns 4Q..4Q+3, two partial sums per column (k0+k1, k2+k3).
        Vector256<int> acc00 = default, acc01 = default, acc02 = default, acc03 = default;
        Vector256<int> acc10 = default, acc11 = default, acc12 = default, acc13 = default;

        int groups = (k + 3) / 4;
        ref sbyte b = ref panel;
        for (int g = 0; g < groups; g++)
        {
            Vector256<short> x0 = Group(ref a0, g * 8);
            Vector256<short> x1 = TRows.Count > 1 ? Group(ref a1, g * 8) : default;
            Vector256<short> w = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref b));
            acc00 = Avx2.Add(acc00, Avx2.MultiplyAddAdjacent(w, x0));
            if (TRows.Count > 1)
            {
                acc10 = Avx2.Add(acc10, Avx2.MultiplyAddAdjacent(w, x1));
            }

            w = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 16)));
            acc01 = Avx2.Add(acc01, Avx2.MultiplyAddAdjacent(w, x0));
            if (TRows.Count > 1)
            {
                acc11 = Avx2.Add(acc11, Avx2.MultiplyAddAdjacent(w, x1));
            }

            w = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 32)));
            acc02 = Avx2.Add(acc02, Avx2.MultiplyAddAdjacent(w, x0));
            if (TRows.Count > 1)
            {
                acc12 = Avx2.Add(acc12, Avx2.MultiplyAddAdjacent(w, x1));
            }

            w = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 48)));
            acc03 = Avx2.Add(acc03, Avx2.MultiplyAddAdjacent(w, x0));
            if (TRows.Count > 1)
            {
                acc13 = Avx2.Add(acc13, Avx2.MultiplyAddAdjacent(w, x1));
            }
            b = ref Unsafe.Add(ref b, 64);
        }

        ref int t = ref tile[0];
        Reduce(acc00, acc01).StoreUnsafe(ref t);
        Reduce(acc02, acc03).StoreUnsafe(ref Unsafe.Add(ref t, 8));
        if (TRows.Count > 1)
        {
            Reduce(acc10, acc11).StoreUnsafe(ref Unsafe.Add(ref t, 16));
            Reduce(acc12, acc13).StoreUnsafe(ref Unsafe.Add(ref t, 24));
        }
    }

    public override int PreparedRowBytes(int k) => ActivationWidening.RowBytes(k);

    public override void PrepareRows(ReadOnlySpan<byte> rows, int count, int k, Span<byte> prepared) =>
        ActivationWidening.Widen(rows, count, k, prepared);

    /// <summary>One K group of a prepared row, [a0 a1 a2 a3] as u16, broadcast to every 64-bit lane (<c>vpbroadcastq</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Group(ref byte row, int offset) =>
        Vector256.Create(Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref row, offset))).AsInt16();

    /// <summary>
    /// Adds each column's two partial sums. <c>vphaddd</c> works per 128-bit half, giving
    /// [c0 c1 c4 c5 | c2 c3 c6 c7]; <c>vpermq</c> 0xD8 puts the 64-bit blocks back in column order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Reduce(Vector256<int> lo, Vector256<int> hi) =>
        Avx2.Permute4x64(Avx2.HorizontalAdd(lo, hi).AsInt64(), 0b11_01_10_00).AsInt32();
}
