namespace EdgeAi.Cloud.Client.Sync;

/// <summary>
/// Loads verified model bytes on the node (the host implements it over EdgeAi.Models). Called by one
/// <see cref="ModelSync"/> at a time per model; inference may run concurrently with every call, so a swap
/// must be atomic (a reference exchange) and the old model must keep answering until it.
/// </summary>
public interface IModelActivator
{
    /// <summary>The version serving <paramref name="model"/> now, or 0 when none.</summary>
    long CurrentVersion(string model);

    /// <summary>
    /// Loads <paramref name="artifact"/> (size and SHA-256 already checked against the signed manifest),
    /// runs the model's golden input/output check, then swaps it in atomically. Throws on any failure,
    /// and then the current model must be untouched.
    /// </summary>
    Task ActivateAsync(ModelManifest manifest, ReadOnlyMemory<byte> artifact, CancellationToken cancellationToken = default);

    /// <summary>Health check of the model now serving <paramref name="model"/> (after a swap).</summary>
    Task<bool> IsHealthyAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Swaps back to the model that served before the last <see cref="ActivateAsync"/>.</summary>
    Task RollbackAsync(string model, CancellationToken cancellationToken = default);
}
