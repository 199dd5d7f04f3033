using EdgeAi.Models.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAi.Models.Tests.Engine;

/// <summary>
/// ONNX Runtime (CPU provider, all graph optimizations, one thread) on the same file and the same input bytes as a
/// native runner: the reference the native engine must agree with.
/// </summary>
public sealed class OrtReference : IDisposable
{
    private readonly InferenceSession _session;

    public OrtReference(string path)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(path, options);
    }

    /// <summary>Runs ORT on the runner's input tensors and returns each output's bytes, in the runner's output order.</summary>
    public byte[][] Run(IReadOnlyList<Tensor> inputs, IReadOnlyList<TensorInfo> outputs)
    {
        var values = new List<OrtValue>();
        try
        {
            foreach (Tensor t in inputs)
            {
                long[] shape = t.Shape.ToArray().Select(d => (long)d).ToArray();
                values.Add(t.ElementType switch
                {
                    TensorElementType.Float32 => OrtValue.CreateTensorValueFromMemory(t.AsSpan<float>().ToArray(), shape),
                    TensorElementType.UInt8 => OrtValue.CreateTensorValueFromMemory(t.Bytes.ToArray(), shape),
                    TensorElementType.Int8 => OrtValue.CreateTensorValueFromMemory(t.AsSpan<sbyte>().ToArray(), shape),
                    TensorElementType.Int32 => OrtValue.CreateTensorValueFromMemory(t.AsSpan<int>().ToArray(), shape),
                    _ => throw new NotSupportedException(t.ElementType.ToString()),
                });
            }

            using var runOptions = new RunOptions();
            using IDisposableReadOnlyCollection<OrtValue> results = _session.Run(
                runOptions, inputs.Select(t => t.Name).ToArray(), values, outputs.Select(o => o.Name).ToArray());
            return results.Select(r => r.GetTensorDataAsSpan<byte>().ToArray()).ToArray();
        }
        finally
        {
            foreach (OrtValue v in values)
            {
                v.Dispose();
            }
        }
    }

    public void Dispose() => _session.Dispose();
}
