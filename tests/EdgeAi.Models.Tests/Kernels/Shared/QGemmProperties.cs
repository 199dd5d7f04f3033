using CsCheck;
using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>
/// Bit-exactness properties of every kernel set against <see cref="QGemmReference"/>. Plain code (no test
/// framework) so the xUnit project and the linux-arm64 emulated test app run exactly the same checks;
/// a failure throws (CsCheck reports the shrunk case and its seed).
/// </summary>
public static class QGemmProperties
{
    /// <summary>Random problems: shapes that cross every tile edge (M over 1..13 covers tiles of 1, 2 and 6 rows,
    /// K over 1..70 every K mod 4 and mod 8, N over 1..40 partial panels) and values that mix uniform bytes with the
    /// extremes, where 16-bit intermediates would overflow first.</summary>
    public static Gen<QGemmCase> Cases(int maxM = 13, int maxK = 70, int maxN = 40) =>
        from m in Gen.Int[1, maxM]
        from k in Gen.OneOf(Gen.Int[1, maxK], Gen.Int[1, 4 * maxK])
        from n in Gen.Int[1, maxN]
        from a in Gen.OneOf(Gen.Byte, Gen.Byte[0, 1], Gen.Byte[254, 255]).Array[m * k]
        from aZero in Gen.OneOf(Gen.Byte, Gen.Const((byte)0), Gen.Const((byte)128))
        from b in Gen.OneOf(Gen.SByte[-127, 127], Gen.SByte[-127, -126], Gen.SByte[126, 127]).Array[k * n]
        from perChannel in Gen.Bool
        from bZeros in Gen.OneOf(Gen.SByte, Gen.Const((sbyte)0)).Array[perChannel ? n : 1]
        from multipliers in Gen.Double[1e-6, 0.05].Array[perChannel ? n : 1]
        from yZero in Gen.Int[0, 255]
        select new QGemmCase(m, k, n, a, aZero, b, bZeros, multipliers, yZero);

    /// <summary>The int32 product (MatMulInteger) equals the reference for every random case.</summary>
    public static void Int32MatchesReference(KernelSet set, long iterations, int threads = -1)
    {
        var gemm = new QGemm(set);
        Cases().Sample(
            c =>
            {
                var packed = QGemmPackedWeights.Pack(c.B, c.K, c.N, c.BZeroPoints);
                var actual = new int[c.M * c.N];
                gemm.Multiply(c.A, c.M, c.AZeroPoint, packed, actual);
                AssertEqual(QGemmReference.Multiply(c), actual, set, c);
            },
            iter: iterations,
            threads: threads);
    }

    /// <summary>The u8 and s8 requantized products (QLinearMatMul, per-tensor or per-channel) equal the reference.</summary>
    public static void RequantizedMatchesReference(KernelSet set, long iterations, int threads = -1)
    {
        var gemm = new QGemm(set);
        Cases().Sample(
            c =>
            {
                var packed = QGemmPackedWeights.Pack(c.B, c.K, c.N, c.BZeroPoints);
                int[] reference = QGemmReference.Multiply(c);

                var unsigned = Requantization.PerChannel(c.Multipliers, c.OutputZeroPoint, 0, 255);
                var actualU8 = new byte[c.M * c.N];
                gemm.Multiply(c.A, c.M, c.AZeroPoint, packed, unsigned, actualU8);
                AssertEqual(Requantize(reference, unsigned, c.N), Array.ConvertAll(actualU8, v => (int)v), set, c);

                var signed = Requantization.PerChannel(c.Multipliers, c.OutputZeroPoint - 128, -128, 127);
                var actualS8 = new sbyte[c.M * c.N];
                gemm.Multiply(c.A, c.M, c.AZeroPoint, packed, signed, actualS8);
                AssertEqual(Requantize(reference, signed, c.N), Array.ConvertAll(actualS8, v => (int)v), set, c);
            },
            iter: iterations,
            threads: threads);
    }

    /// <summary>
    /// The bias overloads (QLinearConv / QDQ Gemm): bias[n] added in wrapping int32 to the corrected accumulator
    /// before requantization, for u8 and s8 outputs; the bias is empty or N values, small or anywhere in int32
    /// (so the wrap-around is exercised).
    /// </summary>
    public static void BiasedMatchesReference(KernelSet set, long iterations, int threads = -1)
    {
        var gemm = new QGemm(set);
        var cases =
            from c in Cases()
            from bias in Gen.OneOf(
                Gen.Const(Array.Empty<int>()),
                Gen.Int[-100_000, 100_000].Array[c.N],
                Gen.OneOf(Gen.Int, Gen.Int[int.MaxValue - 1000, int.MaxValue]).Array[c.N])
            select (Case: c, Bias: bias);
        cases.Sample(
            t =>
            {
                (QGemmCase c, int[] bias) = t;
                var packed = QGemmPackedWeights.Pack(c.B, c.K, c.N, c.BZeroPoints);
                int[] reference = QGemmReference.Multiply(c);
                for (int i = 0; i < reference.Length && bias.Length > 0; i++)
                {
                    reference[i] = unchecked(reference[i] + bias[i % c.N]);
                }

                var unsigned = Requantization.PerChannel(c.Multipliers, c.OutputZeroPoint, 0, 255);
                var actualU8 = new byte[c.M * c.N];
                gemm.Multiply(c.A, c.M, c.AZeroPoint, packed, bias, unsigned, actualU8);
                AssertEqual(Requantize(reference, unsigned, c.N), Array.ConvertAll(actualU8, v => (int)v), set, c);

                var signed = Requantization.PerChannel(c.Multipliers, c.OutputZeroPoint - 128, -128, 127);
                var actualS8 = new sbyte[c.M * c.N];
                gemm.Multiply(c.A, c.M, c.AZeroPoint, packed, bias, signed, actualS8);
                AssertEqual(Requantize(reference, signed, c.N), Array.ConvertAll(actualS8, v => (int)v), set, c);
            },
            iter: iterations,
            threads: threads,
            print: t => $"{t.Case} bias={t.Bias.Length}");
    }

    /// <summary>
    /// The largest-magnitude inputs, fixed rather than random: A all 255 or all 0 with every weight ±127, the
    /// products where a saturating vpmaddubsw (2 x 255 x 127 = 64770) or an SMLAL pair of (-128)·(-127) would
    /// go wrong first.
    /// </summary>
    public static void ExtremesMatchReference(KernelSet set)
    {
        var gemm = new QGemm(set);
        const int M = 7, K = 67, N = 33;
        foreach (byte aValue in new byte[] { 0, 255 })
        {
            foreach (sbyte bValue in new sbyte[] { -127, 127 })
            {
                foreach (byte aZero in new byte[] { 0, 255 })
                {
                    var c = new QGemmCase(
                        M, K, N, Enumerable.Repeat(aValue, M * K).ToArray(), aZero,
                        Enumerable.Repeat(bValue, K * N).ToArray(), [(sbyte)-bValue], [0.001], 128);
                    var packed = QGemmPackedWeights.Pack(c.B, K, N, c.BZeroPoints);
                    var actual = new int[M * N];
                    gemm.Multiply(c.A, M, aZero, packed, actual);
                    AssertEqual(QGemmReference.Multiply(c), actual, set, c);
                }
            }
        }
    }

    /// <summary>Bytes allocated on this thread by <paramref name="calls"/> int32, u8 and biased u8 multiplies after one warm-up call each.</summary>
    public static long AllocatedBytesPerSteadyStateCalls(KernelSet set, int calls)
    {
        var gemm = new QGemm(set);
        const int M = 9, K = 37, N = 35;
        var a = new byte[M * K];
        var b = new sbyte[K * N];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (byte)(i * 7);
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = (sbyte)((i % 255) - 127);
        }

        var packed = QGemmPackedWeights.Pack(b, K, N, [3]);
        var requantization = Requantization.PerTensor(0.001, 5, 0, 255);
        var c32 = new int[M * N];
        var c8 = new byte[M * N];
        var bias = new int[N];
        for (int i = 0; i < bias.Length; i++)
        {
            bias[i] = (i * 1009) - 17_000;
        }

        gemm.Multiply(a, M, 11, packed, c32);
        gemm.Multiply(a, M, 11, packed, requantization, c8);
        gemm.Multiply(a, M, 11, packed, bias, requantization, c8);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            gemm.Multiply(a, M, 11, packed, c32);
            gemm.Multiply(a, M, 11, packed, requantization, c8);
            gemm.Multiply(a, M, 11, packed, bias, requantization, c8);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static int[] Requantize(int[] accumulators, Requantization requantization, int n)
    {
        var result = new int[accumulators.Length];
        for (int i = 0; i < accumulators.Length; i++)
        {
            result[i] = requantization.Apply(accumulators[i], i % n);
        }

        return result;
    }

    private static void AssertEqual(int[] expected, int[] actual, KernelSet set, QGemmCase c)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                throw new InvalidOperationException(
                    $"{KernelSelector.NameOf(set)}: element (row {i / c.N}, column {i % c.N}) is {actual[i]}, reference {expected[i]}; {c}");
            }
        }
    }
}
