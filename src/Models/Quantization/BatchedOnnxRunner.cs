using EdgeAi.Models.Onnx;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Quantization;

/// <summary>Runs a single-input float model in ONNX Runtime over many samples, a batch at a time.</summary>
internal sealed class BatchedOnnxRunner : IDisposable
{
    private readonly byte[] _bytes;
    private readonly string _input;
    private readonly int[] _sampleShape;
    private readonly int _sampleSize;
    private readonly int _batchSize;
    private readonly Dictionary<int, OnnxRuntimeRunner> _runners = [];

    public BatchedOnnxRunner(ModelProto model, int[] sampleShape, int batchSize)
    {
        _bytes = OnnxModelWriter.ToBytes(model);
        ValueInfoProto input = ModelQuantizer.DataInput(model);
        _input = input.Name;
        // A model with a fixed batch of 1 runs one sample at a time.
        _batchSize = input.Type.TensorType.Shape.Dim[0].HasDimValue ? 1 : batchSize;
        _sampleShape = sampleShape;
        _sampleSize = sampleShape.Aggregate(1, (a, b) => a * b);
    }

    /// <summary>Calls <paramref name="onBatch"/> with the runner's outputs and the batch size after each run.</summary>
    public void Run(ReadOnlySpan<float> samples, Action<IReadOnlyList<Tensor>, int> onBatch, Action<int>? onProgress = null)
    {
        int count = samples.Length / _sampleSize;
        for (int start = 0; start < count; start += _batchSize)
        {
            int batch = Math.Min(_batchSize, count - start);
            OnnxRuntimeRunner runner = RunnerFor(batch);
            samples.Slice(start * _sampleSize, batch * _sampleSize).CopyTo(runner.Inputs[0].AsSpan<float>());
            runner.Run();
            onBatch(runner.Outputs, batch);
            onProgress?.Invoke(start + batch);
        }
    }

    public void Dispose()
    {
        foreach (OnnxRuntimeRunner runner in _runners.Values)
        {
            runner.Dispose();
        }
    }

    private OnnxRuntimeRunner RunnerFor(int batch)
    {
        if (!_runners.TryGetValue(batch, out OnnxRuntimeRunner? runner))
        {
            var options = new ModelRunnerOptions();
            options.InputShapes[_input] = [batch, .. _sampleShape];
            _runners[batch] = runner = OnnxRuntimeRunner.Create(_bytes, options);
        }

        return runner;
    }
}
