using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// AVX-VNNI kernel at 256 bits, 6 rows x 16 columns: 12 accumulators, 2 weight registers and one broadcast
/// activation register out of 16. <c>vpdpbusd</c> multiplies four u8 x s8 pairs and adds them to a 32-bit
/// lane without intermediate saturation (Intel SDM, VPDPBUSD; the saturating form is VPDPBUSDS), so it is
/// exact for every input. .NET 10 exposes VNNI only at 256 bits.
/// </summary>
internal sealed class AvxVnniMicroKernel : QGemmMicroKernel
{
    public override KernelSet Set => KernelSet.AvxVnni;

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

        Vector256<int> c00 = default, c01 = default;
        Vector256<int> c10 = default, c11 = default;
        Vector256<int> c20 = default, c21 = default;
        Vector256<int> c30 = default, c31 = default;
        Vector256<int> c40 = default, c41 = default;
        Vector256<int> c50 = default, c51 = default;

        int fullGroups = k / 4;
        ref sbyte b = ref panel;
        for (int g = 0; g < fullGroups; g++)
        {
            int o = g * 4;
            Vector256<sbyte> w0 = Vector256.LoadUnsafe(ref b);
            Vector256<sbyte> w1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            Vector256<byte> x0 = Vector256.Create(Quad(ref a0, o)).AsByte();
            c00 = AvxVnni.MultiplyWideningAndAdd(c00, x0, w0);
            c01 = AvxVnni.MultiplyWideningAndAdd(c01, x0, w1);

            if (TRows.Count > 1)
            {
                Vector256<byte> x1 = Vector256.Create(Quad(ref a1, o)).AsByte();
                c10 = AvxVnni.MultiplyWideningAndAdd(c10, x1, w0);
                c11 = AvxVnni.MultiplyWideningAndAdd(c11, x1, w1);
            }

            if (TRows.Count > 2)
            {
                Vector256<byte> x2 = Vector256.Create(Quad(ref a2, o)).AsByte();
                c20 = AvxVnni.MultiplyWideningAndAdd(c20, x2, w0);
                c21 = AvxVnni.MultiplyWideningAndAdd(c21, x2, w1);
            }

            if (TRows.Count > 3)
            {
                Vector256<byte> x3 = Vector256.Create(Quad(ref a3, o)).AsByte();
                c30 = AvxVnni.MultiplyWideningAndAdd(c30, x3, w0);
                c31 = AvxVnni.MultiplyWideningAndAdd(c31, x3, w1);
            }

            if (TRows.Count > 4)
            {
                Vector256<byte> x4 = Vector256.Create(Quad(ref a4, o)).AsByte();
                c40 = AvxVnni.MultiplyWideningAndAdd(c40, x4, w0);
                c41 = AvxVnni.MultiplyWideningAndAdd(c41, x4, w1);
            }

            if (TRows.Count > 5)
            {
                Vector256<byte> x5 = Vector256.Create(Quad(ref a5, o)).AsByte();
                c50 = AvxVnni.MultiplyWideningAndAdd(c50, x5, w0);
                c51 = AvxVnni.MultiplyWideningAndAdd(c51, x5, w1);
            }
            b = ref Unsafe.Add(ref b, 64);
        }

        int tail = k - (fullGroups * 4);
        if (tail != 0)
        {
            // The last, partial K group: the row bytes padded with zeros (the packed padding rows are zero).
            int o = fullGroups * 4;
            Vector256<sbyte> w0 = Vector256.LoadUnsafe(ref b);
            Vector256<sbyte> w1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            Vector256<byte> x0 = Vector256.Create(TailQuad(ref a0, o, tail)).AsByte();
            c00 = AvxVnni.MultiplyWideningAndAdd(c00, x0, w0);
            c01 = AvxVnni.MultiplyWideningAndAdd(c01, x0, w1);

            if (TRows.Count > 1)
            {
                Vector256<byte> x1 = Vector256.Create(TailQuad(ref a1, o, tail)).AsByte();
                c10 = AvxVnni.MultiplyWideningAndAdd(c10, x1, w0);
                c11 = AvxVnni.MultiplyWideningAndAdd(c11, x1, w1);
            }

            if (TRows.Count > 2)
            {
                Vector256<byte> x2 = Vector256.Create(TailQuad(ref a2, o, tail)).AsByte();
                c20 = AvxVnni.MultiplyWideningAndAdd(c20, x2, w0);
                c21 = AvxVnni.MultiplyWideningAndAdd(c21, x2, w1);
            }

            if (TRows.Count > 3)
            {
                Vector256<byte> x3 = Vector256.Create(TailQuad(ref a3, o, tail)).AsByte();
                c30 = AvxVnni.MultiplyWideningAndAdd(c30, x3, w0);
                c31 = AvxVnni.MultiplyWideningAndAdd(c31, x3, w1);
            }

            if (TRows.Count > 4)
            {
                Vector256<byte> x4 = Vector256.Create(TailQuad(ref a4, o, tail)).AsByte();
                c40 = AvxVnni.MultiplyWideningAndAdd(c40, x4, w0);
                c41 = AvxVnni.MultiplyWideningAndAdd(c41, x4, w1);
            }

            if (TRows.Count > 5)
            {
                Vector256<byte> x5 = Vector256.Create(TailQuad(ref a5, o, tail)).AsByte();
                c50 = AvxVnni.MultiplyWideningAndAdd(c50, x5, w0);
                c51 = AvxVnni.MultiplyWideningAndAdd(c51, x5, w1);
            }
        }

        ref int t = ref tile[0];
        c00.StoreUnsafe(ref Unsafe.Add(ref t, 0));
        c01.StoreUnsafe(ref Unsafe.Add(ref t, 8));
        if (TRows.Count > 1)
        {
            c10.StoreUnsafe(ref Unsafe.Add(ref t, 16));
            c11.StoreUnsafe(ref Unsafe.Add(ref t, 24));
        }

        if (TRows.Count > 2)
        {
            c20.StoreUnsafe(ref Unsafe.Add(ref t, 32));
            c21.StoreUnsafe(ref Unsafe.Add(ref t, 40));
        }

        if (TRows.Count > 3)
        {
            c30.StoreUnsafe(ref Unsafe.Add(ref t, 48));
            c31.StoreUnsafe(ref Unsafe.Add(ref t, 56));
        }

        if (TRows.Count > 4)
        {
            c40.StoreUnsafe(ref Unsafe.Add(ref t, 64));
            c41.StoreUnsafe(ref Unsafe.Add(ref t, 72));
        }

        if (TRows.Count > 5)
        {
            c50.StoreUnsafe(ref Unsafe.Add(ref t, 80));
            c51.StoreUnsafe(ref Unsafe.Add(ref t, 88));
        }
    }
}
