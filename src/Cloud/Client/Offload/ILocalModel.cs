namespace EdgeAi.Cloud.Client.Offload;

/// <summary>
/// The on-device model as the router sees it (the host adapts EdgeAi.Models to it). Called concurrently
/// by the router when decisions overlap; implementations must be thread-safe. Should not throw for valid features.
/// </summary>
public interface ILocalModel
{
    /// <summary>Runs the model on <paramref name="features"/>.</summary>
    ValueTask<ModelAnswer> PredictAsync(ReadOnlyMemory<float> features, CancellationToken cancellationToken = default);
}
