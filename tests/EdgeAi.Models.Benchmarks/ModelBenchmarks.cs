using BenchmarkDotNet.Attributes;
using EdgeAi.Models.Engine;
using EdgeAi.Models.Onnx;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Benchmarks;

/// <summary>
/// End-to-end latency of the small sensor models at batch 1, native engine vs ONNX Runtime (one intra-op thread,
/// spinning off, pre-bound inputs and outputs on both): the QDQ MLP (<c>qdq_mlp_softmax.onnx</c>) and the QDQ 1-D
/// CNN over a [1, 6, 64] sensor window (<c>qdq_cnn1d.onnx</c>), both from tests/EdgeAi.Models.Tests/Fixtures/Onnx, and the
/// demo house's shipped occupancy model (<c>models/living_occupancy_int8</c>: standardization, two 1-D convolutions over
/// a [1, 4, 12] window, pools, dense, softmax).
/// </summary>
[MemoryDiagnoser]
public class ModelBenchmarks
{
    private IModelRunner _runner = null!;

    [Params("qdq_mlp_softmax.onnx", "qdq_cnn1d.onnx", "living_occupancy_int8.onnx")]
    public string Model { get; set; } = string.Empty;

    [Params("native", "onnxruntime")]
    public string Engine { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Onnx", Model);
        var bytes = File.ReadAllBytes(path);
        var model = OnnxModelReader.Read(bytes, ModelDigest.Sha256Hex(bytes));
        _runner = Engine == "native" ? NativeRunner.Create(model) : OnnxRuntimeRunner.Create(bytes);
        var random = new Random(7);
        foreach (var input in _runner.Inputs)
        {
            var values = input.AsSpan<float>();
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)((random.NextDouble() * 2) - 1);
            }
        }

        _runner.Run();
    }

    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    [Benchmark]
    public void Run() => _runner.Run();
}
