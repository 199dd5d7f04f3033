using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Repository;

/// <summary>An <c>input</c> or <c>output</c> entry of <c>config.pbtxt</c>.</summary>
/// <param name="Name">Tensor name; must match the model's graph.</param>
/// <param name="DataType">Element type (<c>data_type: TYPE_FP32</c>).</param>
/// <param name="Dims">
/// Dimensions as written, -1 for variable. When the model batches (<c>max_batch_size</c> &gt; 0) they leave
/// out the batch dimension (Triton model_configuration.md, "Maximum Batch Size").
/// </param>
internal sealed record TensorConfig(string Name, TensorDataType DataType, IReadOnlyList<long> Dims);
