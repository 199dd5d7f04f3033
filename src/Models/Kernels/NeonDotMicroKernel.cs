using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// ARM64 kernel with the dot-product extension (Cortex-A76/A78), 4 rows x 16 columns: 16 accumulators,
/// 4 activation registers (16 bytes = 4 K groups of a row each) and 4 weight registers of 32. SDOT sums four
/// s8 x s8 products into a 32-bit lane (Arm ARM "SDOT (vector)", "SDOT (by element)"), exact for every input;
/// activations become s8 by XOR 0x80 (a - 128).
/// </summary>
internal sealed class NeonDotMicroKernel : QGemmMicroKernel
{
    private const int SignFlip = unchecked((int)0x80808080);

    public override KernelSet Set => KernelSet.NeonDp;

    public override int Rows => 4;

    public override int ActivationShift => 128;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Compute(ref byte a, int lda, int rows, int k, ref sbyte panel, Span<int> tile)
    {
        switch (rows)
        {
            case 1: Tile<OneRow>(ref a, lda, k, ref panel, tile); break;
            case 2: Tile<TwoRows>(ref a, lda, k, ref panel, tile); break;
            case 3: Tile<ThreeRows>(ref a, lda, k, ref panel, tile); break;
            default: Tile<FourRows>(ref a, lda, k, ref panel, tile); break;
        }
    }

    /// <summary>
    /// One tile of TRows rows. Main loop: 16 bytes (4 K groups) of each row in one register, and
    /// SDOT (by element) picks each group from it, as MLAS's SDOT kernel does: 64 SDOTs per 4 row loads.
    /// Then the remaining whole groups and the zero-padded tail group, broadcast one at a time. The loop bodies
    /// are written out (accumulators passed by ref would live in memory); rows past TRows.Count compile out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows>(ref byte a, int lda, int k, ref sbyte panel, Span<int> tile)
        where TRows : struct, IRowCount
    {
        ref byte a0 = ref a;
        ref byte a1 = ref Unsafe.Add(ref a, TRows.Count > 1 ? lda : 0);
        ref byte a2 = ref Unsafe.Add(ref a, TRows.Count > 2 ? 2 * lda : 0);
        ref byte a3 = ref Unsafe.Add(ref a, TRows.Count > 3 ? 3 * lda : 0);

        Vector128<int> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector128<int> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector128<int> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector128<int> c30 = default, c31 = default, c32 = default, c33 = default;

        Vector128<sbyte> flip = Vector128.Create((byte)0x80).AsSByte();
        int fullGroups = k / 4;
        ref sbyte b = ref panel;
        int g = 0;
        for (; g + 4 <= fullGroups; g += 4)
        {
            int o = g * 4;
            Vector128<sbyte> x0 = Vector128.LoadUnsafe(ref a0, (nuint)o).AsSByte() ^ flip;
            Vector128<sbyte> x1 = TRows.Count > 1 ? Vector128.LoadUnsafe(ref a1, (nuint)o).AsSByte() ^ flip : default;
            Vector128<sbyte> x2 = TRows.Count > 2 ? Vector128.LoadUnsafe(ref a2, (nuint)o).AsSByte() ^ flip : default;
            Vector128<sbyte> x3 = TRows.Count > 3 ? Vector128.LoadUnsafe(ref a3, (nuint)o).AsSByte() ^ flip : default;

            Vector128<sbyte> w0 = Vector128.LoadUnsafe(ref b);
            Vector128<sbyte> w1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 16));
            Vector128<sbyte> w2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            Vector128<sbyte> w3 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 48));
            c00 = Dp.DotProductBySelectedQuadruplet(c00, w0, x0, 0);
            c01 = Dp.DotProductBySelectedQuadruplet(c01, w1, x0, 0);
            c02 = Dp.DotProductBySelectedQuadruplet(c02, w2, x0, 0);
            c03 = Dp.DotProductBySelectedQuadruplet(c03, w3, x0, 0);
            if (TRows.Count > 1)
            {
                c10 = Dp.DotProductBySelectedQuadruplet(c10, w0, x1, 0);
                c11 = Dp.DotProductBySelectedQuadruplet(c11, w1, x1, 0);
                c12 = Dp.DotProductBySelectedQuadruplet(c12, w2, x1, 0);
                c13 = Dp.DotProductBySelectedQuadruplet(c13, w3, x1, 0);
            }
            if (TRows.Count > 2)
            {
                c20 = Dp.DotProductBySelectedQuadruplet(c20, w0, x2, 0);
                c21 = Dp.DotProductBySelectedQuadruplet(c21, w1, x2, 0);
                c22 = Dp.DotProductBySelectedQuadruplet(c22, w2, x2, 0);
                c23 = Dp.DotProductBySelectedQuadruplet(c23, w3, x2, 0);
            }
            if (TRows.Count > 3)
            {
                c30 = Dp.DotProductBySelectedQuadruplet(c30, w0, x3, 0);
                c31 = Dp.DotProductBySelectedQuadruplet(c31, w1, x3, 0);
                c32 = Dp.DotProductBySelectedQuadruplet(c32, w2, x3, 0);
                c33 = Dp.DotProductBySelectedQuadruplet(c33, w3, x3, 0);
            }

            w0 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 64));
            w1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 80));
            w2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 96));
            w3 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 112));
            c00 = Dp.DotProductBySelectedQuadruplet(c00, w0, x0, 1);
            c01 = Dp.DotProductBySelectedQuadruplet(c01, w1, x0, 1);
            c02 = Dp.DotProductBySelectedQuadruplet(c02, w2, x0, 1);
            c03 = Dp.DotProductBySelectedQuadruplet(c03, w3, x0, 1);
            if (TRows.Count > 1)
            {
                c10 = Dp.DotProductBySelectedQuadruplet(c10, w0, x1, 1);
                c11 = Dp.DotProductBySelectedQuadruplet(c11, w1, x1, 1);
                c12 = Dp.DotProductBySelectedQuadruplet(c12, w2, x1, 1);
                c13 = Dp.DotProductBySelectedQuadruplet(c13, w3, x1, 1);
            }
            if (TRows.Count > 2)
            {
                c20 = Dp.DotProductBySelectedQuadruplet(c20, w0, x2, 1);
                c21 = Dp.DotProductBySelectedQuadruplet(c21, w1, x2, 1);
                c22 = Dp.DotProductBySelectedQuadruplet(c22, w2, x2, 1);
                c23 = Dp.DotProductBySelectedQuadruplet(c23, w3, x2, 1);
            }
            if (TRows.Count > 3)
            {
                c30 = Dp.DotProductBySelectedQuadruplet(c30, w0, x3, 1);
                c31 = Dp.DotProductBySelectedQuadruplet(c31, w1, x3, 1);
                c32 = Dp.DotProductBySelectedQuadruplet(c32, w2, x3, 1);
                c33 = Dp.DotProductBySelectedQuadruplet(c33, w3, x3, 1);
            }

            w0 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 128));
            w1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 144));
            w2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 160));
            w3 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 176));
            c00 = Dp.DotProductBySelectedQuadruplet(c00, w0, x0, 2);
            c01 = Dp.DotProductBySelectedQuadruplet(c01, w1, x0, 2);
            c02 = Dp.DotProductBySelectedQuadruplet(c02, w2, x0, 2);
            c03 = Dp.DotProductBySelectedQuadruplet(c03, w3, x0, 2);
            if (TRows.Count > 1)
            {
                c10 = Dp.DotProductBySelectedQuadruplet(c10, w0, x1, 2);
                c11 = Dp.DotProductBySelectedQuadruplet(c11, w1, x1, 2);
                c12 = Dp.DotProductBySelectedQuadruplet(c12, w2, x1, 2);
                c13 = Dp.DotProductBySelectedQuadruplet(c13, w3, x1, 2);
            }
            if (TRows.Count > 2)
            {
                c20 = Dp.DotProductBySelectedQuadruplet(c20, w0, x2, 2);
                c21 = Dp.DotProductBySelectedQuadruplet(c21, w1, x2, 2);
                c22 = Dp.DotProductBySelectedQuadruplet(c22, w2, x2, 2);
                c23 = Dp.DotProductBySelectedQuadruplet(c23, w3, x2, 2);
            }
            if (TRows.Count > 3)
            {
                c30 = Dp.DotProductBySelectedQuadruplet(c30, w0, x3, 2);
                c31 = Dp.DotProductBySelectedQuadruplet(c31, w1, x3, 2);
                c32 = Dp.DotProductBySelectedQuadruplet(c32, w2, x3, 2);
                c33 = Dp.DotProductBySelectedQuadruplet(c33, w3, x3, 2);
            }

            w0 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 192));
            w1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 208));
            w2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 224));
            w3 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 240));
            c00 = Dp.DotProductBySelectedQuadruplet(c00, w0, x0, 3);
            c01 = Dp.DotProductBySelectedQuadruplet(c01, w1, x0, 3);
            c02 = Dp.DotProductBySelectedQuadruplet(c02, w2, x0, 3);
            c03 = Dp.DotProductBySelectedQuadruplet(c03, w3, x0, 3);
            if (TRows.Count > 1)
            {
                c10 = Dp.DotProductBySelectedQuadruplet(c10, w0, x1, 3);
                c11 = Dp.DotProductBySelectedQuadruplet(c11, w1, x1, 3);
                c12 = Dp.DotProductBySelectedQuadruplet(c12, w2, x1, 3);
                c13 = Dp.DotProductBySelectedQuadruplet(c13, w3, x1, 3);
            }
            if (TRows.Count > 2)
            {
                c20 = Dp.DotProductBySelectedQuadruplet(c20, w0, x2, 3);
                c21 = Dp.DotProductBySelectedQuadruplet(c21, w1, x2, 3);
                c22 = Dp.DotProductBySelectedQuadruplet(c22, w2, x2, 3);
                c23 = Dp.DotProductBySelectedQuadruplet(c23, w3, x2, 3);
            }
            if (TRows.Count > 3)
            {
                c30 = Dp.DotProductBySelectedQuadruplet(c30, w0, x3, 3);
                c31 = Dp.DotProductBySelectedQuadruplet(c31, w1, x3, 3);
                c32 = Dp.DotProductBySelectedQuadruplet(c32, w2, x3, 3);
                c33 = Dp.DotProductBySelectedQuadruplet(c33, w3, x3, 3);
            }

            b = ref Unsafe.Add(ref b, 256);
        }

        for (; g < fullGroups; g++)
        {
            int o = g * 4;
            Vector128<sbyte> v0 = Vector128.LoadUnsafe(ref b);
            Vector128<sbyte> v1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 16));
            Vector128<sbyte> v2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            Vector128<sbyte> v3 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 48));
            Vector128<sbyte> y0 = Vector128.Create(Quad(ref a0, o) ^ SignFlip).AsSByte();
            c00 = Dp.DotProduct(c00, v0, y0);
            c01 = Dp.DotProduct(c01, v1, y0);
            c02 = Dp.DotProduct(c02, v2, y0);
            c03 = Dp.DotProduct(c03, v3, y0);
            if (TRows.Count > 1)
            {
                Vector128<sbyte> y1 = Vector128.Create(Quad(ref a1, o) ^ SignFlip).AsSByte();
                c10 = Dp.DotProduct(c10, v0, y1);
                c11 = Dp.DotProduct(c11, v1, y1);
                c12 = Dp.DotProduct(c12, v2, y1);
                c13 = Dp.DotProduct(c13, v3, y1);
            }
            if (TRows.Count > 2)
            {
                Vector128<sbyte> y2 = Vector128.Create(Quad(ref a2, o) ^ SignFlip).AsSByte();
                c20 = Dp.DotProduct(c20, v0, y2);
                c21 = Dp.DotProduct(c21, v1, y2);
                c22 = Dp.DotProduct(c22, v2, y2);
                c23 = Dp.DotProduct(c23, v3, y2);
            }
            if (TRows.Count > 3)
            {
                Vector128<sbyte> y3 = Vector128.Create(Quad(ref a3, o) ^ SignFlip).AsSByte();
                c30 = Dp.DotProduct(c30, v0, y3);
                c31 = Dp.DotProduct(c31, v1, y3);
                c32 = Dp.DotProduct(c32, v2, y3);
                c33 = Dp.DotProduct(c33, v3, y3);
            }
            b = ref Unsafe.Add(ref b, 64);
        }

        int tail = k - (fullGroups * 4);
        if (tail != 0)
        {
            // The last, partial K group: the row bytes padded with zeros (the packed padding rows are zero).
            int o = fullGroups * 4;
            Vector128<sbyte> v0 = Vector128.LoadUnsafe(ref b);
            Vector128<sbyte> v1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 16));
            Vector128<sbyte> v2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            Vector128<sbyte> v3 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 48));
            Vector128<sbyte> y0 = Vector128.Create(TailQuad(ref a0, o, tail) ^ SignFlip).AsSByte();
            c00 = Dp.DotProduct(c00, v0, y0);
            c01 = Dp.DotProduct(c01, v1, y0);
            c02 = Dp.DotProduct(c02, v2, y0);
            c03 = Dp.DotProduct(c03, v3, y0);
            if (TRows.Count > 1)
            {
                Vector128<sbyte> y1 = Vector128.Create(TailQuad(ref a1, o, tail) ^ SignFlip).AsSByte();
                c10 = Dp.DotProduct(c10, v0, y1);
                c11 = Dp.DotProduct(c11, v1, y1);
                c12 = Dp.DotProduct(c12, v2, y1);
                c13 = Dp.DotProduct(c13, v3, y1);
            }
            if (TRows.Count > 2)
            {
                Vector128<sbyte> y2 = Vector128.Create(TailQuad(ref a2, o, tail) ^ SignFlip).AsSByte();
                c20 = Dp.DotProduct(c20, v0, y2);
                c21 = Dp.DotProduct(c21, v1, y2);
                c22 = Dp.DotProduct(c22, v2, y2);
                c23 = Dp.DotProduct(c23, v3, y2);
            }
            if (TRows.Count > 3)
            {
                Vector128<sbyte> y3 = Vector128.Create(TailQuad(ref a3, o, tail) ^ SignFlip).AsSByte();
                c30 = Dp.DotProduct(c30, v0, y3);
                c31 = Dp.DotProduct(c31, v1, y3);
                c32 = Dp.DotProduct(c32, v2, y3);
                c33 = Dp.DotProduct(c33, v3, y3);
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
    }
}
