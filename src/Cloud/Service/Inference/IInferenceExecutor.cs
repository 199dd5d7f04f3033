namespace EdgeAi.Cloud.Service.Inference;

/// <summary>
/// Runs requests on one model version: directly, or through the dynamic batcher.
/// </summary>
/// <remarks>
/// Concurrency: <see cref="RunAsync"/> may be called from many threads at once. The caller holds a lease on
/// the model for the whole call, so the executor and its runner outlive every call in progress; the
/// repository disposes an executor only when the last lease is gone. A call is not cancelled once queued:
/// it completes within the queue delay plus one model run.
/// </remarks>
internal interface IInferenceExecutor : IDisposable
{
    /// <summary>Runs one request.</summary>
    /// <param name="inputs">Every model input, validated against the configuration, in configuration order.</param>
    /// <param name="outputNames">The outputs to return, in order.</param>
    /// <param name="cancellationToken">Observed only before the request is queued.</param>
    Task<IReadOnlyList<InferenceTensor>> RunAsync(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string> outputNames, CancellationToken cancellationToken = default);
}
