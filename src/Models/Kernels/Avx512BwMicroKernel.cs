using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// AVX-512BW kernel, 6 rows x 16 columns, on activation rows prepared by <see cref="ActivationWidening"/>
/// (u16, zero-padded to whole K groups): the exact 16-bit widening scheme of <see cref="Avx2MicroKernel"/>
/// (<c>vpmovzxbw</c>/<c>vpmovsxbw</c>, then <c>vpmaddwd</c>, whose 32-bit pair sums cannot overflow for u8 x s8)
/// on 512-bit registers: one weight register covers 8 columns x 4 K. 12 accumulators of 32 zmm registers.
/// </summary>
internal sealed class Avx512BwMicroKernel : QGemmMicroKernel
{
    public override KernelSet Set => KernelSet.Avx512Bw;

    public override int Rows => 6;

    public override int ActivationShift => 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Compute(ref byte a, int lda, int rows, int k, ref sbyte panel, Span<int> tile)
    {
        switch (rows)
        {
            case 1: Tile<OneRow>(ref a, lda, k, ref panel, tile); break;
            case 2: Tile<TwoRows>(ref a, lda, k, ref panel, tile); break;
            case 3: Tile<ThreeRows>(ref a, lda, k, ref panel, tile); break;
            case 4: Tile<FourRows>(ref a, lda, k, ref panel, tile); break;
            case 5: Tile<FiveRows>(ref a, lda, k, ref panel, tile); break;
            default: Tile<SixRows>(ref a, lda, k, ref panel, tile); break;
        }
    }

    /// <summary>
    /// One tile of TRows rows. The loop body is written out rather than factored into helpers taking the
    /// accumulators by ref: by-ref locals are address-exposed and the JIT would keep them in memory.
    /// Rows past TRows.Count are compiled out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows>(ref byte a, int lda, int k, ref sbyte panel, Span<int> tile)
        where TRows : struct, IRowCount
    {
        ref byte a0 = ref a;
        ref byte a1 = ref Unsafe.Add(ref a, TRows.Count > 1 ? lda : 0);
        ref byte a2 = ref Unsafe.Add(ref a, TRows.Count > 2 ? 2 * lda : 0);
        ref byte a3 = ref Unsafe.Add(ref a, TRows.Count > 3 ? 3 * lda : 0);
        ref byte a4 = ref Unsafe.Add(ref a, TRows.Count > 4 ? 4 * lda : 0);
        ref byte a5 = ref Unsafe.Add(ref a, TRows.Count > 5 ? 5 * lda : 0);

        Vector512<int> c00 = default, c01 = default;
        Vector512<int> c10 = default, c11 = default;
        Vector512<int> c20 = default, c21 = default;
        Vector512<int> c30 = default, c31 = default;
        Vector512<int> c40 = default, c41 = default;
        Vector512<int> c50 = default, c51 = default;

        int groups = (k + 3) / 4;
        ref sbyte b = ref panel;
        for (int g = 0; g < groups; g++)
        {
            int o = g * 8;
            Vector512<short> w0 = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref b));
            Vector512<short> w1 = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref Unsafe.Add(ref b, 32)));
            Vector512<short> x0 = Group(ref a0, o);
            c00 = Avx512F.Add(c00, Avx512BW.MultiplyAddAdjacent(w0, x0));
            c01 = Avx512F.Add(c01, Avx512BW.MultiplyAddAdjacent(w1, x0));

            if (TRows.Count > 1)
            {
                Vector512<short> x1 = Group(ref a1, o);
                c10 = Avx512F.Add(c10, Avx512BW.MultiplyAddAdjacent(w0, x1));
                c11 = Avx512F.Add(c11, Avx512BW.MultiplyAddAdjacent(w1, x1));
            }

            if (TRows.Count > 2)
            {
                Vector512<short> x2 = Group(ref a2, o);
                c20 = Avx512F.Add(c20, Avx512BW.MultiplyAddAdjacent(w0, x2));
                c21 = Avx512F.Add(c21, Avx512BW.MultiplyAddAdjacent(w1, x2));
            }

            if (TRows.Count > 3)
            {
                Vector512<short> x3 = Group(ref a3, o);
                c30 = Avx512F.Add(c30, Avx512BW.MultiplyAddAdjacent(w0, x3));
                c31 = Avx512F.Add(c31, Avx512BW.MultiplyAddAdjacent(w1, x3));
            }

            if (TRows.Count > 4)
            {
                Vector512<short> x4 = Group(ref a4, o);
                c40 = Avx512F.Add(c40, Avx512BW.MultiplyAddAdjacent(w0, x4));
                c41 = Avx512F.Add(c41, Avx512BW.MultiplyAddAdjacent(w1, x4));
            }

            if (TRows.Count > 5)
            {
                Vector512<short> x5 = Group(ref a5, o);
                c50 = Avx512F.Add(c50, Avx512BW.MultiplyAddAdjacent(w0, x5));
                c51 = Avx512F.Add(c51, Avx512BW.MultiplyAddAdjacent(w1, x5));
            }
            b = ref Unsafe.Add(ref b, 64);
        }

        ref int t = ref tile[0];
        Reduce(c00, c01).StoreUnsafe(ref Unsafe.Add(ref t, 0));
        if (TRows.Count > 1)
        {
            Reduce(c10, c11).StoreUnsafe(ref Unsafe.Add(ref t, 16));
        }

        if (TRows.Count > 2)
        {
            Reduce(c20, c21).StoreUnsafe(ref Unsafe.Add(ref t, 32));
        }

        if (TRows.Count > 3)
        {
            Reduce(c30, c31).StoreUnsafe(ref Unsafe.Add(ref t, 48));
        }

        if (TRows.Count > 4)
        {
            Reduce(c40, c41).StoreUnsafe(ref Unsafe.Add(ref t, 64));
        }

        if (TRows.Count > 5)
        {
            Reduce(c50, c51).StoreUnsafe(ref Unsafe.Add(ref t, 80));
        }
    }

    public override int PreparedRowBytes(int k) => ActivationWidening.RowBytes(k);

    public override void PrepareRows(ReadOnlySpan<byte> rows, int count, int k, Span<byte> prepared) =>
        ActivationWidening.Widen(rows, count, k, prepared);

    /// <summary>One K group of a prepared row, [a0 a1 a2 a3] as u16, broadcast to every 64-bit lane (<c>vpbroadcastq</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> Group(ref byte row, int offset) =>
        Vector512.Create(Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref row, offset))).AsInt16();

    /// <summary>
    /// Adds each column's two partial sums; lanes 2j and 2j+1 of (lo, hi) hold column j's. The <c>vpermt2d</c>
    /// index vectors are constants rather than static fields on purpose: a static field read needs a helper
    /// call after the loop, and a call with the accumulators live made the JIT spill them on every iteration.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Reduce(Vector512<int> lo, Vector512<int> hi) =>
        Avx512F.Add(
            Avx512F.PermuteVar16x32x2(lo, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), hi),
            Avx512F.PermuteVar16x32x2(lo, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), hi));
}
