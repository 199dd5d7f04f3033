using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// ARM64 kernel with the dot-product extension (Cortex-A76/A78), 6 rows x 16 columns: 24 accumulators,
/// 4 weight registers and one activation register of 32. SDOT sums four s8 x s8 products into a 32-bit lane
/// (Arm ARM "SDOT (vector)"), exact for every input; activations become s8 by XOR 0x80 (a - 128).
/// </summary>
internal sealed class NeonDotMicroKernel : QGemmMicroKernel
{
    private const int SignFlip = unchecked((int)0x80808080);

    public override KernelSet Set => KernelSet.NeonDp;

    public override int Rows => 6;

    public override int ActivationShift => 128;

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
    private static void Tile<TRows>(ref byte a, int lda, int k, ref sbyte panel, Span<int> tile)
        where TRows : struct, IRowCount
    {
        ref byte a0 = ref a;
        ref byte a1 = ref Unsafe.Add(ref a, TRows.Count > 1 ? lda : 0);
        ref byte a2 = ref Unsafe.Add(ref a, TRows.Count > 2 ? 2 * lda : 0);
        ref byte a3 = ref Unsafe.Add(ref a, TRows.Count > 3 ? 3 * lda : 0);
        ref byte a4 = ref Unsafe.Add(ref a, TRows.Count > 4 ? 4 * lda : 0);
        ref byte a5 = ref Unsafe.Add(ref a, TRows.Count > 5 ? 5 * lda : 0);

        Vector128<int> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector128<int> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector128<int> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector128<int> c30 = default, c31 = default, c32 = default, c33 = default;
        Vector128<int> c40 = default, c41 = default, c42 = default, c43 = default;
        Vector128<int> c50 = default, c51 = default, c52 = default, c53 = default;

        int fullGroups = k / 4;
        ref sbyte b = ref panel;
        for (int g = 0; g < fullGroups; g++)
        {
            int o = g * 4;
            Vector128<sbyte> w0 = Vector128.LoadUnsafe(ref b);
            Vector128<sbyte> w1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 16));
            Vector128<sbyte> w2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            Vector128<sbyte> w3 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 48));
            Vector128<sbyte> x0 = Vector128.Create(Quad(ref a0, o) ^ SignFlip).AsSByte();
            c00 = Dp.DotProduct(c00, w0, x0);
            c01 = Dp.DotProduct(c01, w1, x0);
            c02 = Dp.DotProduct(c02, w2, x0);
            c03 = Dp.DotProduct(c03, w3, x0);

            if (TRows.Count > 1)
            {
                Vector128<sbyte> x1 = Vector128.Create(Quad(ref a1, o) ^ SignFlip).AsSByte();
                c10 = Dp.DotProduct(c10, w0, x1);
                c11 = Dp.DotProduct(c11, w1, x1);
                c12 = Dp.DotProduct(c12, w2, x1);
                c13 = Dp.DotProduct(c13, w3, x1);
            }

            if (TRows.Count > 2)
            {
                Vector128<sbyte> x2 = Vector128.Create(Quad(ref a2, o) ^ SignFlip).AsSByte();
                c20 = Dp.DotProduct(c20, w0, x2);
                c21 = Dp.DotProduct(c21, w1, x2);
                c22 = Dp.DotProduct(c22, w2, x2);
                c23 = Dp.DotProduct(c23, w3, x2);
            }

            if (TRows.Count > 3)
            {
                Vector128<sbyte> x3 = Vector128.Create(Quad(ref a3, o) ^ SignFlip).AsSByte();
                c30 = Dp.DotProduct(c30, w0, x3);
                c31 = Dp.DotProduct(c31, w1, x3);
                c32 = Dp.DotProduct(c32, w2, x3);
                c33 = Dp.DotProduct(c33, w3, x3);
            }

            if (TRows.Count > 4)
            {
                Vector128<sbyte> x4 = Vector128.Create(Quad(ref a4, o) ^ SignFlip).AsSByte();
                c40 = Dp.DotProduct(c40, w0, x4);
                c41 = Dp.DotProduct(c41, w1, x4);
                c42 = Dp.DotProduct(c42, w2, x4);
                c43 = Dp.DotProduct(c43, w3, x4);
            }

            if (TRows.Count > 5)
            {
                Vector128<sbyte> x5 = Vector128.Create(Quad(ref a5, o) ^ SignFlip).AsSByte();
                c50 = Dp.DotProduct(c50, w0, x5);
                c51 = Dp.DotProduct(c51, w1, x5);
                c52 = Dp.DotProduct(c52, w2, x5);
                c53 = Dp.DotProduct(c53, w3, x5);
            }
            b = ref Unsafe.Add(ref b, 64);
        }

        int tail = k - (fullGroups * 4);
        if (tail != 0)
        {
            // The last, partial K group: the row bytes padded with zeros (the packed padding rows are zero).
            int o = fullGroups * 4;
            Vector128<sbyte> w0 = Vector128.LoadUnsafe(ref b);
            Vector128<sbyte> w1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 16));
            Vector128<sbyte> w2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            Vector128<sbyte> w3 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 48));
            Vector128<sbyte> x0 = Vector128.Create(TailQuad(ref a0, o, tail) ^ SignFlip).AsSByte();
            c00 = Dp.DotProduct(c00, w0, x0);
            c01 = Dp.DotProduct(c01, w1, x0);
            c02 = Dp.DotProduct(c02, w2, x0);
            c03 = Dp.DotProduct(c03, w3, x0);

            if (TRows.Count > 1)
            {
                Vector128<sbyte> x1 = Vector128.Create(TailQuad(ref a1, o, tail) ^ SignFlip).AsSByte();
                c10 = Dp.DotProduct(c10, w0, x1);
                c11 = Dp.DotProduct(c11, w1, x1);
                c12 = Dp.DotProduct(c12, w2, x1);
                c13 = Dp.DotProduct(c13, w3, x1);
            }

            if (TRows.Count > 2)
            {
                Vector128<sbyte> x2 = Vector128.Create(TailQuad(ref a2, o, tail) ^ SignFlip).AsSByte();
                c20 = Dp.DotProduct(c20, w0, x2);
                c21 = Dp.DotProduct(c21, w1, x2);
                c22 = Dp.DotProduct(c22, w2, x2);
                c23 = Dp.DotProduct(c23, w3, x2);
            }

            if (TRows.Count > 3)
            {
                Vector128<sbyte> x3 = Vector128.Create(TailQuad(ref a3, o, tail) ^ SignFlip).AsSByte();
                c30 = Dp.DotProduct(c30, w0, x3);
                c31 = Dp.DotProduct(c31, w1, x3);
                c32 = Dp.DotProduct(c32, w2, x3);
                c33 = Dp.DotProduct(c33, w3, x3);
            }

            if (TRows.Count > 4)
            {
                Vector128<sbyte> x4 = Vector128.Create(TailQuad(ref a4, o, tail) ^ SignFlip).AsSByte();
                c40 = Dp.DotProduct(c40, w0, x4);
                c41 = Dp.DotProduct(c41, w1, x4);
                c42 = Dp.DotProduct(c42, w2, x4);
                c43 = Dp.DotProduct(c43, w3, x4);
            }

            if (TRows.Count > 5)
            {
                Vector128<sbyte> x5 = Vector128.Create(TailQuad(ref a5, o, tail) ^ SignFlip).AsSByte();
                c50 = Dp.DotProduct(c50, w0, x5);
                c51 = Dp.DotProduct(c51, w1, x5);
                c52 = Dp.DotProduct(c52, w2, x5);
                c53 = Dp.DotProduct(c53, w3, x5);
            }
        }

        ref int t = ref tile[0];
        c00.StoreUnsafe(ref Unsafe.Add(ref t, 0));
        c01.StoreUnsafe(ref Unsafe.Add(ref t, 4));
        c02.StoreUnsafe(ref Unsafe.Add(ref t, 8));
        c03.StoreUnsafe(ref Unsafe.Add(ref t, 12));
        if (TRows.Count > 1)
        {
            c10.StoreUnsafe(ref Unsafe.Add(ref t, 16));
            c11.StoreUnsafe(ref Unsafe.Add(ref t, 20));
            c12.StoreUnsafe(ref Unsafe.Add(ref t, 24));
            c13.StoreUnsafe(ref Unsafe.Add(ref t, 28));
        }

        if (TRows.Count > 2)
        {
            c20.StoreUnsafe(ref Unsafe.Add(ref t, 32));
            c21.StoreUnsafe(ref Unsafe.Add(ref t, 36));
            c22.StoreUnsafe(ref Unsafe.Add(ref t, 40));
            c23.StoreUnsafe(ref Unsafe.Add(ref t, 44));
        }

        if (TRows.Count > 3)
        {
            c30.StoreUnsafe(ref Unsafe.Add(ref t, 48));
            c31.StoreUnsafe(ref Unsafe.Add(ref t, 52));
            c32.StoreUnsafe(ref Unsafe.Add(ref t, 56));
            c33.StoreUnsafe(ref Unsafe.Add(ref t, 60));
        }

        if (TRows.Count > 4)
        {
            c40.StoreUnsafe(ref Unsafe.Add(ref t, 64));
            c41.StoreUnsafe(ref Unsafe.Add(ref t, 68));
            c42.StoreUnsafe(ref Unsafe.Add(ref t, 72));
            c43.StoreUnsafe(ref Unsafe.Add(ref t, 76));
        }

        if (TRows.Count > 5)
        {
            c50.StoreUnsafe(ref Unsafe.Add(ref t, 80));
            c51.StoreUnsafe(ref Unsafe.Add(ref t, 84));
            c52.StoreUnsafe(ref Unsafe.Add(ref t, 88));
            c53.StoreUnsafe(ref Unsafe.Add(ref t, 92));
        }
    }
}
