namespace EdgeAi.Cloud.Service.Repository;

/// <summary>The subset of Triton's model configuration (<c>config.pbtxt</c>) the service understands.</summary>
/// <param name="Name">Model name; equals its folder name in the repository.</param>
/// <param name="Platform">Always <c>onnxruntime_onnx</c> here.</param>
/// <param name="MaxBatchSize">0 for a model that does not batch; otherwise the largest batch a request may carry.</param>
/// <param name="Inputs">Inputs (dims without the batch dimension when batching).</param>
/// <param name="Outputs">Outputs (same convention).</param>
/// <param name="DynamicBatching">The dynamic batcher settings, or null when the block is absent.</param>
/// <param name="VersionPolicy">Which versions are served.</param>
/// <param name="ModelFileName">File inside each version folder (<c>default_model_filename</c>, default <c>model.onnx</c>).</param>
internal sealed record ModelConfig(
    string Name,
    string Platform,
    int MaxBatchSize,
    IReadOnlyList<TensorConfig> Inputs,
    IReadOnlyList<TensorConfig> Outputs,
    DynamicBatchingConfig? DynamicBatching,
    VersionPolicy VersionPolicy,
    string ModelFileName)
{
    /// <summary>The platform name Triton uses for ONNX Runtime models.</summary>
    public const string OnnxPlatform = "onnxruntime_onnx";

    /// <summary>True when requests carry a leading batch dimension.</summary>
    public bool Batches => MaxBatchSize > 0;

    /// <summary>
    /// The full request shape of a configured tensor: with a leading -1 when the model batches (config
    /// <c>dims: [16]</c> is shape <c>[-1, 16]</c>, Triton model_configuration.md).
    /// </summary>
    public long[] ProtocolShape(TensorConfig tensor) => Batches ? [-1, .. tensor.Dims] : [.. tensor.Dims];
}
