namespace EdgeAi.Models.Runtime;

/// <summary>A model input or output as the model declares it.</summary>
/// <param name="Name">The ONNX value name.</param>
/// <param name="ElementType">Element type.</param>
/// <param name="Shape">Declared dimensions; -1 where the model leaves a dimension symbolic or unknown.</param>
public sealed record TensorInfo(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape);
