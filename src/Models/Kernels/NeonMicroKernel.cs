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
        ref byte ra = ref a;
        ref byte rb = ref Unsafe.Add(ref a, TRows.Count > 1 ? lda : 0);

        // pH / qH: rows 0 / 1, columns 2H and 2H+1, partial sums (k0+k1, k2+k3) for each.
        Vector128<int> p0 = default, p1 = default, p2 = default, p3 = default, p4 = default, p5 = default, p6 = default, p7 = default;
        Vector128<int> q0 = default, q1 = default, q2 = default, q3 = default, q4 = default, q5 = default, q6 = default, q7 = default;

        int groups = (k + 3) / 4;
        int fullGroups = k / 4;
        ref sbyte b = ref panel;
        int g = 0;
        // Main loop: pairs of whole K groups, read straight from the rows (no tail handling inside).
        for (; g + 2 <= fullGroups; g += 2)
        {
            Vector64<sbyte> x0 = Vector64.Create(Quad(ref ra, 4 * g) ^ SignFlip).AsSByte();
            Vector64<sbyte> x1 = Vector64.Create(Quad(ref ra, (4 * g) + 4) ^ SignFlip).AsSByte();
            Vector64<sbyte> y0 = TRows.Count > 1 ? Vector64.Create(Quad(ref rb, 4 * g) ^ SignFlip).AsSByte() : default;
            Vector64<sbyte> y1 = TRows.Count > 1 ? Vector64.Create(Quad(ref rb, (4 * g) + 4) ^ SignFlip).AsSByte() : default;
            Vector64<sbyte> w0 = Vector64.LoadUnsafe(ref b);
            Vector64<sbyte> w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 64));
            p0 = Pair(p0, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q0 = Pair(q0, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 8));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 72));
            p1 = Pair(p1, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q1 = Pair(q1, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 16));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 80));
            p2 = Pair(p2, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q2 = Pair(q2, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 24));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 88));
            p3 = Pair(p3, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q3 = Pair(q3, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 96));
            p4 = Pair(p4, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q4 = Pair(q4, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 40));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 104));
            p5 = Pair(p5, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q5 = Pair(q5, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 48));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 112));
            p6 = Pair(p6, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q6 = Pair(q6, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 56));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 120));
            p7 = Pair(p7, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q7 = Pair(q7, w0, w1, y0, y1);
            }
            b = ref Unsafe.Add(ref b, 128);
        }

        // One last pair (a whole group and the zero-padded partial one) if two groups remain.
        if (g + 1 < groups)
        {
            Vector64<sbyte> x0 = Vector64.Create(GroupQuad(ref ra, g, fullGroups, k) ^ SignFlip).AsSByte();
            Vector64<sbyte> x1 = Vector64.Create(GroupQuad(ref ra, g + 1, fullGroups, k) ^ SignFlip).AsSByte();
            Vector64<sbyte> y0 = TRows.Count > 1 ? Vector64.Create(GroupQuad(ref rb, g, fullGroups, k) ^ SignFlip).AsSByte() : default;
            Vector64<sbyte> y1 = TRows.Count > 1 ? Vector64.Create(GroupQuad(ref rb, g + 1, fullGroups, k) ^ SignFlip).AsSByte() : default;
            Vector64<sbyte> w0 = Vector64.LoadUnsafe(ref b);
            Vector64<sbyte> w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 64));
            p0 = Pair(p0, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q0 = Pair(q0, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 8));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 72));
            p1 = Pair(p1, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q1 = Pair(q1, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 16));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 80));
            p2 = Pair(p2, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q2 = Pair(q2, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 24));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 88));
            p3 = Pair(p3, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q3 = Pair(q3, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 96));
            p4 = Pair(p4, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q4 = Pair(q4, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 40));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 104));
            p5 = Pair(p5, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q5 = Pair(q5, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 48));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 112));
            p6 = Pair(p6, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q6 = Pair(q6, w0, w1, y0, y1);
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 56));
            w1 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 120));
            p7 = Pair(p7, w0, w1, x0, x1);
            if (TRows.Count > 1)
            {
                q7 = Pair(q7, w0, w1, y0, y1);
            }
            b = ref Unsafe.Add(ref b, 128);
            g += 2;
        }

        if (g < groups)
        {
            Vector64<sbyte> x0 = Vector64.Create(GroupQuad(ref ra, g, fullGroups, k) ^ SignFlip).AsSByte();
            Vector64<sbyte> y0 = TRows.Count > 1 ? Vector64.Create(GroupQuad(ref rb, g, fullGroups, k) ^ SignFlip).AsSByte() : default;
            Vector64<sbyte> w0 = Vector64.LoadUnsafe(ref b);
            p0 = AdvSimd.AddPairwiseWideningAndAdd(p0, AdvSimd.MultiplyWideningLower(w0, x0));
            if (TRows.Count > 1)
            {
                q0 = AdvSimd.AddPairwiseWideningAndAdd(q0, AdvSimd.MultiplyWideningLower(w0, y0));
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 8));
            p1 = AdvSimd.AddPairwiseWideningAndAdd(p1, AdvSimd.MultiplyWideningLower(w0, x0));
            if (TRows.Count > 1)
            {
                q1 = AdvSimd.AddPairwiseWideningAndAdd(q1, AdvSimd.MultiplyWideningLower(w0, y0));
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 16));
            p2 = AdvSimd.AddPairwiseWideningAndAdd(p2, AdvSimd.MultiplyWideningLower(w0, x0));
            if (TRows.Count > 1)
            {
                q2 = AdvSimd.AddPairwiseWideningAndAdd(q2, AdvSimd.MultiplyWideningLower(w0, y0));
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 24));
            p3 = AdvSimd.AddPairwiseWideningAndAdd(p3, AdvSimd.MultiplyWideningLower(w0, x0));
            if (TRows.Count > 1)
            {
                q3 = AdvSimd.AddPairwiseWideningAndAdd(q3, AdvSimd.MultiplyWideningLower(w0, y0));
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 32));
            p4 = AdvSimd.AddPairwiseWideningAndAdd(p4, AdvSimd.MultiplyWideningLower(w0, x0));
            if (TRows.Count > 1)
            {
                q4 = AdvSimd.AddPairwiseWideningAndAdd(q4, AdvSimd.MultiplyWideningLower(w0, y0));
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 40));
            p5 = AdvSimd.AddPairwiseWideningAndAdd(p5, AdvSimd.MultiplyWideningLower(w0, x0));
            if (TRows.Count > 1)
            {
                q5 = AdvSimd.AddPairwiseWideningAndAdd(q5, AdvSimd.MultiplyWideningLower(w0, y0));
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 48));
            p6 = AdvSimd.AddPairwiseWideningAndAdd(p6, AdvSimd.MultiplyWideningLower(w0, x0));
            if (TRows.Count > 1)
            {
                q6 = AdvSimd.AddPairwiseWideningAndAdd(q6, AdvSimd.MultiplyWideningLower(w0, y0));
            }

            w0 = Vector64.LoadUnsafe(ref Unsafe.Add(ref b, 56));
            p7 = AdvSimd.AddPairwiseWideningAndAdd(p7, AdvSimd.MultiplyWideningLower(w0, x0));
            if (TRows.Count > 1)
            {
                q7 = AdvSimd.AddPairwiseWideningAndAdd(q7, AdvSimd.MultiplyWideningLower(w0, y0));
            }
        }

        // ADDP: [l0+l1, l2+l3, r0+r1, r2+r3] = four whole columns.
        ref int t = ref tile[0];
        AdvSimd.Arm64.AddPairwise(p0, p1).StoreUnsafe(ref t);
        AdvSimd.Arm64.AddPairwise(p2, p3).StoreUnsafe(ref Unsafe.Add(ref t, 4));
        AdvSimd.Arm64.AddPairwise(p4, p5).StoreUnsafe(ref Unsafe.Add(ref t, 8));
        AdvSimd.Arm64.AddPairwise(p6, p7).StoreUnsafe(ref Unsafe.Add(ref t, 12));
        if (TRows.Count > 1)
        {
            AdvSimd.Arm64.AddPairwise(q0, q1).StoreUnsafe(ref Unsafe.Add(ref t, 16));
            AdvSimd.Arm64.AddPairwise(q2, q3).StoreUnsafe(ref Unsafe.Add(ref t, 20));
            AdvSimd.Arm64.AddPairwise(q4, q5).StoreUnsafe(ref Unsafe.Add(ref t, 24));
            AdvSimd.Arm64.AddPairwise(q6, q7).StoreUnsafe(ref Unsafe.Add(ref t, 28));
        }
    }

    /// <summary>
    /// Two K groups of two columns: SMULL, SMLAL (two products per 16-bit lane), SADALP into the accumulator.
    /// Returns the accumulator rather than updating it by ref, so the JIT keeps it in a register.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Pair(Vector128<int> acc, Vector64<sbyte> w0, Vector64<sbyte> w1, Vector64<sbyte> x0, Vector64<sbyte> x1) =>
        AdvSimd.AddPairwiseWideningAndAdd(acc, AdvSimd.MultiplyWideningLowerAndAdd(AdvSimd.MultiplyWideningLower(w0, x0), w1, x1));
}
