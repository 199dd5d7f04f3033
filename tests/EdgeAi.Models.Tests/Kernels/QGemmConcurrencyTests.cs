using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary>
/// One QGemm and one packed weight set shared by many threads, each with its own activations, row count and
/// zero point, must give every thread its own correct result. A race detector it is not: on this 2-core
/// machine it did not catch a deliberately shared (non-[ThreadStatic]) prepared-row buffer, so that property
/// rests on the code, not on this test.
/// </summary>
public sealed class QGemmConcurrencyTests
{
    [Theory]
    [MemberData(nameof(QGemmKernelTests.SupportedSets), MemberType = typeof(QGemmKernelTests))]
    public void Multiply_SharedInstanceFromManyThreads_EachResultMatchesReference(KernelSet set)
    {
        var gemm = new QGemm(set);
        const int K = 131, N = 400; // many panels per row tile: a long window between preparing rows and using them
        var random = new Random(5);
        var weights = new sbyte[K * N];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (sbyte)random.Next(-127, 128);
        }

        sbyte[] zeroPoints = [3];
        var packed = QGemmPackedWeights.Pack(weights, K, N, zeroPoints);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 8 }, job =>
        {
            int m = 6 + (job % 7);
            var a = new byte[m * K];
            new Random(job).NextBytes(a);
            var expected = QGemmReference.Multiply(new QGemmCase(m, K, N, a, (byte)job, weights, zeroPoints, [0.01], 0));
            for (int repeat = 0; repeat < 30; repeat++)
            {
                var actual = new int[m * N];
                gemm.Multiply(a, m, (byte)job, packed, actual);
                if (!expected.AsSpan().SequenceEqual(actual))
                {
                    failures.Add($"job {job} repeat {repeat}");
                    return;
                }
            }
        });

        Assert.Empty(failures);
    }
}
