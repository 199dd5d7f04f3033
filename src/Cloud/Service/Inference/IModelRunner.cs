namespace EdgeAi.Cloud.Service.Inference;

/// <summary>
/// One loaded model version that can run inference.
/// </summary>
/// <remarks>
/// Concurrency: <see cref="Run"/> may be called from many threads at once (ONNX Runtime's
/// <c>InferenceSession.Run</c> is thread-safe). <see cref="IDisposable.Dispose"/> must not race with
/// <see cref="Run"/>: the repository disposes a runner only after its last in-flight request has released
/// it (see <c>LoadedModel</c>). Output tensors are copied into managed memory, so they stay valid after
/// the runner is disposed.
/// </remarks>
internal interface IModelRunner : IDisposable
{
    /// <summary>The inputs the model file declares.</summary>
    IReadOnlyList<TensorSignature> Inputs { get; }

    /// <summary>The outputs the model file declares.</summary>
    IReadOnlyList<TensorSignature> Outputs { get; }

    /// <summary>Runs the model once.</summary>
    /// <param name="inputs">Every input of the model, already validated against the configuration.</param>
    /// <param name="outputNames">The outputs to compute, in the order they are returned.</param>
    /// <returns>One tensor per requested output.</returns>
    IReadOnlyList<InferenceTensor> Run(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string> outputNames);
}
