using EdgeAi.Cloud.Service.Protocol;

namespace EdgeAi.Cloud.Service.Inference;

/// <summary>An input or output as a model file declares it.</summary>
/// <param name="Name">Tensor name in the graph.</param>
/// <param name="DataType">Element type, or null when the model uses one the service cannot carry.</param>
/// <param name="Shape">Dimensions, -1 where the model leaves a dimension symbolic.</param>
internal sealed record TensorSignature(string Name, TensorDataType? DataType, IReadOnlyList<long> Shape);
