namespace EdgeAi.Models.Runtime;

/// <summary>
/// One loaded model bound to fixed input shapes, with input and output tensors it owns. Write the inputs, call
/// <see cref="Run"/>, read the outputs. Not thread-safe: one run at a time per runner (make one runner per thread,
/// or lock around write-run-read).
/// </summary>
public interface IModelRunner : IDisposable
{
    /// <summary>Which engine runs the model.</summary>
    ModelEngine Engine { get; }

    /// <summary>The kernel set in use, e.g. "avx2", "neon-dot" for the native engine, "mlas" for ONNX Runtime's CPU provider.</summary>
    string Kernels { get; }

    /// <summary>The model's inputs as it declares them.</summary>
    IReadOnlyList<TensorInfo> InputInfo { get; }

    /// <summary>The model's outputs as it declares them.</summary>
    IReadOnlyList<TensorInfo> OutputInfo { get; }

    /// <summary>Input tensors, in <see cref="InputInfo"/> order, with the concrete shapes this runner was bound to.</summary>
    IReadOnlyList<Tensor> Inputs { get; }

    /// <summary>Output tensors, in <see cref="OutputInfo"/> order; valid after <see cref="Run"/>.</summary>
    IReadOnlyList<Tensor> Outputs { get; }

    /// <summary>Runs the model on <see cref="Inputs"/> into <see cref="Outputs"/>.</summary>
    /// <exception cref="ObjectDisposedException">The runner was disposed.</exception>
    void Run();
}
