using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// Portable <see cref="Vector128{T}"/> kernel, one row at a time. Both operands are widened to 16 bits and
/// multiplied there: |u8 x s8| &lt;= 255 x 127 = 32385 fits a 16-bit lane, and the products are widened again
/// to 32 bits before any addition, so nothing can overflow.
/// </summary>
internal sealed class Vector128MicroKernel : QGemmMicroKernel
{
    public override KernelSet Set => KernelSet.Vector128;

    public override int Rows => 1;

    public override int ActivationShift => 0;

    // Written out, not factored into helpers taking accumulators by ref (by-ref locals stay in memory).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Compute(ref byte a, int lda, int rows, int k, ref sbyte panel, Span<int> tile)
    {
        // acc{j}: the four k-lanes of column j, summed horizontally at the end.
        Vector128<int> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        Vector128<int> acc4 = default, acc5 = default, acc6 = default, acc7 = default;
        Vector128<int> acc8 = default, acc9 = default, acc10 = default, acc11 = default;
        Vector128<int> acc12 = default, acc13 = default, acc14 = default, acc15 = default;

        int groups = (k + 3) / 4;
        int fullGroups = k / 4;
        ref sbyte b = ref panel;
        for (int g = 0; g < groups; g++)
        {
            // [a0 a1 a2 a3] x 2 as 16-bit lanes, matching two columns of four k each.
            Vector128<short> av = Vector128.WidenLower(Vector128.Create(GroupQuad(ref a, g, fullGroups, k)).AsByte()).AsInt16();
            (Vector128<short> lo, Vector128<short> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref b));
            (Vector128<int> p0, Vector128<int> p1) = Vector128.Widen(lo * av);
            (Vector128<int> p2, Vector128<int> p3) = Vector128.Widen(hi * av);
            acc0 += p0;
            acc1 += p1;
            acc2 += p2;
            acc3 += p3;

            (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 16)));
            (p0, p1) = Vector128.Widen(lo * av);
            (p2, p3) = Vector128.Widen(hi * av);
            acc4 += p0;
            acc5 += p1;
            acc6 += p2;
            acc7 += p3;

            (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 32)));
            (p0, p1) = Vector128.Widen(lo * av);
            (p2, p3) = Vector128.Widen(hi * av);
            acc8 += p0;
            acc9 += p1;
            acc10 += p2;
            acc11 += p3;

            (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 48)));
            (p0, p1) = Vector128.Widen(lo * av);
            (p2, p3) = Vector128.Widen(hi * av);
            acc12 += p0;
            acc13 += p1;
            acc14 += p2;
            acc15 += p3;
            b = ref Unsafe.Add(ref b, 64);
        }

        tile[0] = Vector128.Sum(acc0);
        tile[1] = Vector128.Sum(acc1);
        tile[2] = Vector128.Sum(acc2);
        tile[3] = Vector128.Sum(acc3);
        tile[4] = Vector128.Sum(acc4);
        tile[5] = Vector128.Sum(acc5);
        tile[6] = Vector128.Sum(acc6);
        tile[7] = Vector128.Sum(acc7);
        tile[8] = Vector128.Sum(acc8);
        tile[9] = Vector128.Sum(acc9);
        tile[10] = Vector128.Sum(acc10);
        tile[11] = Vector128.Sum(acc11);
        tile[12] = Vector128.Sum(acc12);
        tile[13] = Vector128.Sum(acc13);
        tile[14] = Vector128.Sum(acc14);
        tile[15] = Vector128.Sum(acc15);
    }
}
