namespace EdgeAi.Cloud.Client.Offload;

/// <summary>
/// The heavier model behind the cloud. Thread-safe. <see cref="PredictAsync"/> must honour cancellation
/// promptly: the router cancels it at the deadline.
/// </summary>
public interface ICloudModel
{
    /// <summary>Whether asking is worth it now (false while the circuit breaker is open).</summary>
    bool IsAvailable { get; }

    /// <summary>Asks the cloud model; throws on any failure.</summary>
    Task<ModelAnswer> PredictAsync(ReadOnlyMemory<float> features, CancellationToken cancellationToken = default);
}
