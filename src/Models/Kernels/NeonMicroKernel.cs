using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace EdgeAi.Models.Kernels;

/// <summary>
/// ARM64 Advanced SIMD kernel without dot product (Cortex-A72), 2 rows x 16 columns, two K groups per step.
/// Activations become s8 (a XOR 0x80 = a - 128) so SMULL/SMLAL (s8 x s8 into 16-bit lanes, Arm ARM
/// "SMLAL, SMLAL2") apply; each 16-bit lane then holds two products, |x| &lt;= 2 x 128 x 127 = 32512, which
/// fits because packed weights exclude -128. SADALP then adds lane pairs into the 32-bit accumulators.
/// Weights are loaded as 64-bit halves so no <c>GetLower()</c> copy of a live register is needed.
/// </summary>
internal sealed class NeonMicroKernel : QGemmMicroKernel
{
    private const int SignFlip = unchecked((int)0x80808080);

    public override KernelSet Set => KernelSet.Neon;

    public override int Rows => 2;

    public override int ActivationShift => 128;

    public override void Compute(ref byte a, int lda, int rows, int k, ref sbyte panel, Span<int> tile)
    {
        ref byte ra = ref Row(ref a, lda, rows, 0);
        ref byte rb = ref Row(ref a, lda, rows, 1);

        // pH / qH: rows 0 / 1, columns 2H and 2H+1, partial sums (k0+k1, k2+k3) for each.
        Vector128<int> p0 = default, p1 = default, p2 = default, p3 = default, p4 = default, p5 = default, p6 = default, p7 = default;
        Vector128<int> q0 = default, q1 = default, q2 = default, q3 = default, q4 = default, q5 = default, q6 = default, q7 = default;

        int groups = (k + 3) / 4;
        int fullGroups = k / 4;
        ref sbyte b = ref panel;
        int g = 0;
        for (; g + 1 < groups; g += 2)
        {
            Vector64<sbyte> x0 = Vector64.Create(GroupQuad(ref ra, g, fullGroups, k) ^ SignFlip).AsSByte();
            Vector64<sbyte> x1 = Vector64.Create(GroupQuad(ref ra, g + 1, fullGroups, k) ^ SignFlip).AsSByte();
            Vector64<sbyte> y0 = Vector64.Create(GroupQuad(ref rb, g, fullGroups, k) ^ SignFlip).AsSByte();
            Vector64<sbyte> y1 = Vector64.Create(GroupQuad(ref rb, g + 1, fullGroups, k) ^ SignFlip).AsSByte();
            Pair(ref p0, ref q0, ref b, 0, x0, x1, y0, y1);
            Pair(ref p1, ref q1, ref b, 8, x0, x1, y0, y1);
            Pair(ref p2, ref q2, ref b, 16, x0, x1, y0, y1);
            Pair(ref p3, ref q3, ref b, 24, x0, x1, y0, y1);
            Pair(ref p4, ref q4, ref b, 32, x0, x1, y0, y1);
            Pair(ref p5, ref q5, ref b, 40, x0, x1, y0, y1);
            Pair(ref p6, ref q6, ref b, 48, x0, x1, y0, y1);
            Pair(ref p7, ref q7, ref b, 56, x0, x1, y0, y1);
            b = ref Unsafe.Add(ref b, 128);
        }

        if (g < groups)
        {
            Vector64<sbyte> x0 = Vector64.Create(GroupQuad(ref ra, g, fullGroups, k) ^ SignFlip).AsSByte();
            Vector64<sbyte> y0 = Vector64.Create(GroupQuad(ref rb, g, fullGroups, k) ^ SignFlip).AsSByte();
            Single(ref p0, ref q0, ref b, 0, x0, y0);
            Single(ref p1, ref q1, ref b, 8, x0, y0);
            Single(ref p2, ref q2, ref b, 16, x0, y0);
            Single(ref p3, ref q3, ref b, 24, x0, y0);
            Single(ref p4, ref q4, ref b, 32, x0, y0);
            Single(ref p5, ref q5, ref b, 40, x0, y0);
            Single(ref p6, ref q6, ref b, 48, x0, y0);
            Single(ref p7, ref q7, ref b, 56, x0, y0);
        }

        // ADDP: [l0+l1, l2+l3, r0+r1, r2+r3] = four whole columns.
        ref int t = ref tile[0];
        AdvSimd.Arm64.AddPairwise(p0, p1).StoreUnsafe(ref t);
        AdvSimd.Arm64.AddPairwise(p2, p3).StoreUnsafe(ref Unsafe.Add(ref t, 4));
        AdvSimd.Arm64.AddPairwise(p4, p5).StoreUnsafe(ref Unsafe.Add(ref t, 8));
        AdvSimd.Arm64.AddPairwise(p6, p7).StoreUnsafe(ref Unsafe.Add(ref t, 12));
        AdvSimd.Arm64.AddPairwise(q0, q1).StoreUnsafe(ref Unsafe.Add(ref t, 16));
        AdvSimd.Arm64.AddPairwise(q2, q3).StoreUnsafe(ref Unsafe.Add(ref t, 20));
        AdvSimd.Arm64.AddPairwise(q4, q5).StoreUnsafe(ref Unsafe.Add(ref t, 24));
        AdvSimd.Arm64.AddPairwise(q6, q7).StoreUnsafe(ref Unsafe.Add(ref t, 28));
    }

    /// <summary>Two K groups of two columns for both rows: SMULL, SMLAL (two products per 16-bit lane), SADALP.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair(
        ref Vector128<int> p,
        ref Vector128<int> q,
        ref sbyte b,
        int offset,
        Vector64<sbyte> x0,
        Vector64<sbyte> x1,
        Vector64<sbyte> y0,
        Vector64<sbyte> y1)
    {
        Vector64<sbyte> w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, offset));
        Vector64<sbyte> w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, offset + 64));
        p = AdvSimd.AddPairwiseWideningAndAdd(p, AdvSimd.MultiplyWideningLowerAndAdd(AdvSimd.MultiplyWideningLower(w0, x0), w1, x1));
        q = AdvSimd.AddPairwiseWideningAndAdd(q, AdvSimd.MultiplyWideningLowerAndAdd(AdvSimd.MultiplyWideningLower(w0, y0), w1, y1));
    }

    /// <summary>The last, unpaired K group: SMULL then SADALP.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Single(ref Vector128<int> p, ref Vector128<int> q, ref sbyte b, int offset, Vector64<sbyte> x0, Vector64<sbyte> y0)
    {
        Vector64<sbyte> w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, offset));
        p = AdvSimd.AddPairwiseWideningAndAdd(p, AdvSimd.MultiplyWideningLower(w0, x0));
        q = AdvSimd.AddPairwiseWideningAndAdd(q, AdvSimd.MultiplyWideningLower(w0, y0));
    }
}
