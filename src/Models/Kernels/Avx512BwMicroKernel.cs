using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// AVX-512BW kernel, 6 rows x 16 columns: the exact 16-bit widening scheme of <see cref="Avx2MicroKernel"/>
/// (<c>vpmovzxbw</c>/<c>vpmovsxbw</c>, then <c>vpmaddwd</c>, whose 32-bit pair sums cannot overflow for u8 x s8)
/// on 512-bit registers: one weight register covers 8 columns x 4 K. 12 accumulators of 32 zmm registers.
/// </summary>
internal sealed class Avx512BwMicroKernel : QGemmMicroKernel
{
    // vpermt2d indices picking the (k0+k1) and (k2+k3) partial sums of columns 0..15 out of two accumulators.
    private static readonly Vector512<int> EvenLanes = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    private static readonly Vector512<int> OddLanes = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);

    public override KernelSet Set => KernelSet.Avx512Bw;

    public override int Rows => 6;

    public override int ActivationShift => 0;

    public override void Compute(ref byte a, int lda, int rows, int k, ref sbyte panel, Span<int> tile)
    {
        ref byte a0 = ref Row(ref a, lda, rows, 0);
        ref byte a1 = ref Row(ref a, lda, rows, 1);
        ref byte a2 = ref Row(ref a, lda, rows, 2);
        ref byte a3 = ref Row(ref a, lda, rows, 3);
        ref byte a4 = ref Row(ref a, lda, rows, 4);
        ref byte a5 = ref Row(ref a, lda, rows, 5);

        // cR0: row R, columns 0..7; cR1: columns 8..15; two partial sums per column.
        Vector512<int> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<int> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;

        int groups = (k + 3) / 4;
        int fullGroups = k / 4;
        ref sbyte b = ref panel;
        for (int g = 0; g < groups; g++)
        {
            Vector512<short> w0 = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref b));
            Vector512<short> w1 = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref Unsafe.Add(ref b, 32)));
            Step(ref c00, ref c01, GroupQuad(ref a0, g, fullGroups, k), w0, w1);
            Step(ref c10, ref c11, GroupQuad(ref a1, g, fullGroups, k), w0, w1);
            Step(ref c20, ref c21, GroupQuad(ref a2, g, fullGroups, k), w0, w1);
            Step(ref c30, ref c31, GroupQuad(ref a3, g, fullGroups, k), w0, w1);
            Step(ref c40, ref c41, GroupQuad(ref a4, g, fullGroups, k), w0, w1);
            Step(ref c50, ref c51, GroupQuad(ref a5, g, fullGroups, k), w0, w1);
            b = ref Unsafe.Add(ref b, 64);
        }

        ref int t = ref tile[0];
        Reduce(c00, c01).StoreUnsafe(ref t);
        Reduce(c10, c11).StoreUnsafe(ref Unsafe.Add(ref t, 16));
        Reduce(c20, c21).StoreUnsafe(ref Unsafe.Add(ref t, 32));
        Reduce(c30, c31).StoreUnsafe(ref Unsafe.Add(ref t, 48));
        Reduce(c40, c41).StoreUnsafe(ref Unsafe.Add(ref t, 64));
        Reduce(c50, c51).StoreUnsafe(ref Unsafe.Add(ref t, 80));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref Vector512<int> lo, ref Vector512<int> hi, int quad, Vector512<short> w0, Vector512<short> w1)
    {
        // [a0 a1 a2 a3] repeated, zero-extended to 16 bits: matches each column's four K values.
        Vector512<short> x = Avx512BW.ConvertToVector512Int16(Vector256.Create(quad).AsByte());
        lo = Avx512F.Add(lo, Avx512BW.MultiplyAddAdjacent(w0, x));
        hi = Avx512F.Add(hi, Avx512BW.MultiplyAddAdjacent(w1, x));
    }

    /// <summary>Adds each column's two partial sums; lanes 2j and 2j+1 of (lo, hi) hold column j's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Reduce(Vector512<int> lo, Vector512<int> hi) =>
        Avx512F.Add(Avx512F.PermuteVar16x32x2(lo, EvenLanes, hi), Avx512F.PermuteVar16x32x2(lo, OddLanes, hi));
}
