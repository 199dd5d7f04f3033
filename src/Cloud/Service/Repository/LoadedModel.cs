using EdgeAi.Cloud.Service.Batching;
using EdgeAi.Cloud.Service.Inference;

namespace EdgeAi.Cloud.Service.Repository;

/// <summary>
/// A model with its served versions, reference-counted so a version swap or unload never disposes a
/// session under a running request.
/// </summary>
/// <remarks>
/// The repository holds one reference from creation until it replaces or unloads the model
/// (<see cref="Retire"/>); each request holds one through a <see cref="ModelLease"/>. The runners are
/// disposed when the count reaches zero, and after that no new lease can be taken, so a request either
/// gets a live model or retries on the repository's current one. All members are thread-safe.
/// </remarks>
internal sealed class LoadedModel
{
    private int _references = 1;

    /// <summary>
    /// Creates a model that owns <paramref name="runners"/> and one executor per version: a
    /// <see cref="DynamicBatcher"/> when the configuration has <c>dynamic_batching</c>, else direct runs.
    /// </summary>
    public LoadedModel(ModelConfig config, IReadOnlyDictionary<long, IModelRunner> runners, TimeProvider time)
    {
        Config = config;
        Runners = runners;
        LatestVersion = runners.Keys.Max();
        Executors = runners.ToDictionary(
            r => r.Key,
            r => config.DynamicBatching is not null && config.Batches
                ? (IInferenceExecutor)new DynamicBatcher(r.Value, config, time)
                : new DirectExecutor(r.Value));
    }

    /// <summary>The executor of each served version (batching or direct).</summary>
    public IReadOnlyDictionary<long, IInferenceExecutor> Executors { get; }

    /// <summary>The configuration the versions were loaded with.</summary>
    public ModelConfig Config { get; }

    /// <summary>Served versions and their runners.</summary>
    public IReadOnlyDictionary<long, IModelRunner> Runners { get; }

    /// <summary>The version a request without a version goes to (Triton serves the highest).</summary>
    public long LatestVersion { get; }

    /// <summary>True once every runner has been disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _references) == 0;

    /// <summary>Takes a reference unless the model is already disposed.</summary>
    public bool TryAddReference()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Drops a reference; the last one disposes the runners.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            foreach (var executor in Executors.Values)
            {
                executor.Dispose();
            }

            foreach (var runner in Runners.Values)
            {
                runner.Dispose();
            }
        }
    }

    /// <summary>Drops the repository's own reference: called once, when the model is replaced or unloaded.</summary>
    public void Retire() => Release();
}
