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
        ref byte a0 = ref Row(ref a, lda, rows, 0);
        ref byte a1 = ref Row(ref a, lda, rows, 1);
        ref byte a2 = ref Row(ref a, lda, rows, 2);
        ref byte a3 = ref Row(ref a, lda, rows, 3);
        ref byte a4 = ref Row(ref a, lda, rows, 4);
        ref byte a5 = ref Row(ref a, lda, rows, 5);

        Vector128<int> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector128<int> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector128<int> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector128<int> c30 = default, c31 = default, c32 = default, c33 = default;
        Vector128<int> c40 = default, c41 = default, c42 = default, c43 = default;
        Vector128<int> c50 = default, c51 = default, c52 = default, c53 = default;

        int groups = (k + 3) / 4;
        int fullGroups = k / 4;
        ref sbyte b = ref panel;
        for (int g = 0; g < groups; g++)
        {
            Vector128<sbyte> w0 = Vector128.LoadUnsafe(ref b);
            Vector128<sbyte> w1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 16));
            Vector128<sbyte> w2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            Vector128<sbyte> w3 = Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 48));
            Step(ref c00, ref c01, ref c02, ref c03, GroupQuad(ref a0, g, fullGroups, k), w0, w1, w2, w3);
            Step(ref c10, ref c11, ref c12, ref c13, GroupQuad(ref a1, g, fullGroups, k), w0, w1, w2, w3);
            Step(ref c20, ref c21, ref c22, ref c23, GroupQuad(ref a2, g, fullGroups, k), w0, w1, w2, w3);
            Step(ref c30, ref c31, ref c32, ref c33, GroupQuad(ref a3, g, fullGroups, k), w0, w1, w2, w3);
            Step(ref c40, ref c41, ref c42, ref c43, GroupQuad(ref a4, g, fullGroups, k), w0, w1, w2, w3);
            Step(ref c50, ref c51, ref c52, ref c53, GroupQuad(ref a5, g, fullGroups, k), w0, w1, w2, w3);
            b = ref Unsafe.Add(ref b, 64);
        }

        ref int t = ref tile[0];
        Store(ref t, c00, c01, c02, c03);
        Store(ref Unsafe.Add(ref t, 16), c10, c11, c12, c13);
        Store(ref Unsafe.Add(ref t, 32), c20, c21, c22, c23);
        Store(ref Unsafe.Add(ref t, 48), c30, c31, c32, c33);
        Store(ref Unsafe.Add(ref t, 64), c40, c41, c42, c43);
        Store(ref Unsafe.Add(ref t, 80), c50, c51, c52, c53);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(
        ref Vector128<int> c0,
        ref Vector128<int> c1,
        ref Vector128<int> c2,
        ref Vector128<int> c3,
        int quad,
        Vector128<sbyte> w0,
        Vector128<sbyte> w1,
        Vector128<sbyte> w2,
        Vector128<sbyte> w3)
    {
        Vector128<sbyte> x = Vector128.Create(quad ^ SignFlip).AsSByte();
        c0 = Dp.DotProduct(c0, w0, x);
        c1 = Dp.DotProduct(c1, w1, x);
        c2 = Dp.DotProduct(c2, w2, x);
        c3 = Dp.DotProduct(c3, w3, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref int t, Vector128<int> c0, Vector128<int> c1, Vector128<int> c2, Vector128<int> c3)
    {
        c0.StoreUnsafe(ref t);
        c1.StoreUnsafe(ref Unsafe.Add(ref t, 4));
        c2.StoreUnsafe(ref Unsafe.Add(ref t, 8));
        c3.StoreUnsafe(ref Unsafe.Add(ref t, 12));
    }
}
