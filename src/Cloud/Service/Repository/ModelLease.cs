using EdgeAi.Cloud.Service.Inference;

namespace EdgeAi.Cloud.Service.Repository;

/// <summary>
/// One request's hold on a model version: its executor and runner stay valid until the lease is disposed.
/// Dispose when the request is done with them; a second dispose does nothing.
/// </summary>
internal sealed class ModelLease : IDisposable
{
    private LoadedModel? _model;

    /// <summary>Wraps a reference already taken on <paramref name="model"/>.</summary>
    public ModelLease(LoadedModel model, long version)
    {
        _model = model;
        Version = version;
        Config = model.Config;
        Executor = model.Executors[version];
        ServedVersions = [.. model.Runners.Keys];
    }

    /// <summary>Every version the model serves, ascending.</summary>
    public IReadOnlyList<long> ServedVersions { get; }

    /// <summary>The version serving this request.</summary>
    public long Version { get; }

    /// <summary>The model's configuration.</summary>
    public ModelConfig Config { get; }

    /// <summary>The executor (batching or direct) of this version; valid until <see cref="Dispose"/>.</summary>
    public IInferenceExecutor Executor { get; }

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _model, null)?.Release();
}
