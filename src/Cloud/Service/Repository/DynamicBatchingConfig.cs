namespace EdgeAi.Cloud.Service.Repository;

/// <summary>The <c>dynamic_batching { }</c> block of <c>config.pbtxt</c> (Triton model_configuration.md, "Dynamic Batcher").</summary>
/// <param name="PreferredBatchSizes">Batch sizes the batcher aims for; empty means "as large as possible".</param>
/// <param name="MaxQueueDelayMicroseconds">How long a request may wait for others to join its batch.</param>
internal sealed record DynamicBatchingConfig(IReadOnlyList<int> PreferredBatchSizes, long MaxQueueDelayMicroseconds);
