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

    public override void Compute(ref byte a, int lda, int rows, int k, ref sbyte panel, Span<int> tile)
    {
        ref byte a0 = ref Row(ref a, lda, rows, 0);
        ref byte a1 = ref Row(ref a, lda, rows, 1);
        ref byte a2 = ref Row(ref a, lda, rows, 2);
        ref byte a3 = ref Row(ref a, lda, rows, 3);
        ref byte a4 = ref Row(ref a, lda, rows, 4);
        ref byte a5 = ref Row(ref a, lda, rows, 5);

        Vector256<int> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<int> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;

        int fullGroups = k / 4;
        ref sbyte b = ref panel;
        for (int g = 0; g < fullGroups; g++)
        {
            int o = g * 4;
            Vector256<sbyte> w0 = Vector256.LoadUnsafe(ref b);
            Vector256<sbyte> w1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            Step(ref c00, ref c01, Quad(ref a0, o), w0, w1);
            Step(ref c10, ref c11, Quad(ref a1, o), w0, w1);
            Step(ref c20, ref c21, Quad(ref a2, o), w0, w1);
            Step(ref c30, ref c31, Quad(ref a3, o), w0, w1);
            Step(ref c40, ref c41, Quad(ref a4, o), w0, w1);
            Step(ref c50, ref c51, Quad(ref a5, o), w0, w1);
            b = ref Unsafe.Add(ref b, 64);
        }

        int tail = k - (fullGroups * 4);
        if (tail != 0)
        {
            int o = fullGroups * 4;
            Vector256<sbyte> w0 = Vector256.LoadUnsafe(ref b);
            Vector256<sbyte> w1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            Step(ref c00, ref c01, TailQuad(ref a0, o, tail), w0, w1);
            Step(ref c10, ref c11, TailQuad(ref a1, o, tail), w0, w1);
            Step(ref c20, ref c21, TailQuad(ref a2, o, tail), w0, w1);
            Step(ref c30, ref c31, TailQuad(ref a3, o, tail), w0, w1);
            Step(ref c40, ref c41, TailQuad(ref a4, o, tail), w0, w1);
            Step(ref c50, ref c51, TailQuad(ref a5, o, tail), w0, w1);
        }

        ref int t = ref tile[0];
        c00.StoreUnsafe(ref t);
        c01.StoreUnsafe(ref Unsafe.Add(ref t, 8));
        c10.StoreUnsafe(ref Unsafe.Add(ref t, 16));
        c11.StoreUnsafe(ref Unsafe.Add(ref t, 24));
        c20.StoreUnsafe(ref Unsafe.Add(ref t, 32));
        c21.StoreUnsafe(ref Unsafe.Add(ref t, 40));
        c30.StoreUnsafe(ref Unsafe.Add(ref t, 48));
        c31.StoreUnsafe(ref Unsafe.Add(ref t, 56));
        c40.StoreUnsafe(ref Unsafe.Add(ref t, 64));
        c41.StoreUnsafe(ref Unsafe.Add(ref t, 72));
        c50.StoreUnsafe(ref Unsafe.Add(ref t, 80));
        c51.StoreUnsafe(ref Unsafe.Add(ref t, 88));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref Vector256<int> lo, ref Vector256<int> hi, int quad, Vector256<sbyte> w0, Vector256<sbyte> w1)
    {
        Vector256<byte> x = Vector256.Create(quad).AsByte();
        lo = AvxVnni.MultiplyWideningAndAdd(lo, x, w0);
        hi = AvxVnni.MultiplyWideningAndAdd(hi, x, w1);
    }
}
