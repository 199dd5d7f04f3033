using BenchmarkDotNet.Attributes;
using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Benchmarks;

/// <summary>Our int8 GEMM (int32 output, as MatMulInteger) per kernel set and shape, single thread.</summary>
[MemoryDiagnoser]
public class QGemmBenchmarks
{
    private QGemm _gemm = null!;
    private QGemmPackedWeights _weights = null!;
    private byte[] _a = [];
    private int[] _c = [];

    public static IEnumerable<GemmShape> Shapes => GemmShape.IssueShapes;

    /// <summary>Every SIMD kernel set this machine supports (scalar is left out: it is the reference, not a contender).</summary>
    public static IEnumerable<KernelSet> KernelSets => KernelSelector.Supported.Where(s => s != KernelSet.Scalar);

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = GemmShape.IssueShapes.First();

    [ParamsSource(nameof(KernelSets))]
    public KernelSet Kernels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _gemm = new QGemm(Kernels);
        _weights = QGemmPackedWeights.Pack(GemmInputs.Weights(Shape), Shape.K, Shape.N, [0]);
        _a = GemmInputs.Activations(Shape);
        _c = new int[Shape.M * Shape.N];
    }

    [Benchmark]
    public void Multiply() => _gemm.Multiply(_a, Shape.M, GemmInputs.ActivationZeroPoint, _weights, _c);
}
