namespace EdgeAi.Cloud.Service.Inference;

/// <summary>Runs each request on its own (models without <c>dynamic_batching</c>). Does not own the runner.</summary>
internal sealed class DirectExecutor : IInferenceExecutor
{
    private readonly IModelRunner _runner;

    /// <summary>Creates an executor over <paramref name="runner"/>.</summary>
    public DirectExecutor(IModelRunner runner)
    {
        _runner = runner;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InferenceTensor>> RunAsync(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string> outputNames, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_runner.Run(inputs, outputNames));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing of its own: the runner belongs to the LoadedModel.
    }
}
